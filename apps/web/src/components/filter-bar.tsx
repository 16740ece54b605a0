import styled from 'styled-components';

/** A row of labelled filter controls. */
export const FilterBar = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: flex-end;
  gap: 12px;
  margin: 12px 0;
  label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 12px;
    font-weight: 600;
    color: #232729;
  }
  select,
  input {
    font: inherit;
    font-size: 14px;
    font-weight: 400;
    padding: 6px 8px;
    border: 1px solid #8f979c;
    border-radius: 4px;
    min-width: 160px;
    background: #fff;
  }
`;
