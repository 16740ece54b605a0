import styled from 'styled-components';

/** A plain, semantic table in Procore's list style (header row, row dividers, compact cells). */
export const DataTable = styled.table`
  width: 100%;
  border-collapse: collapse;
  font-size: 14px;
  caption {
    text-align: left;
    font-weight: 600;
    padding: 8px 0;
  }
  th {
    text-align: left;
    font-weight: 600;
    background: #f4f5f6;
    color: #232729;
    border-bottom: 1px solid #d6dadc;
    padding: 8px 12px;
    white-space: nowrap;
  }
  td {
    border-bottom: 1px solid #eef0f1;
    padding: 8px 12px;
    vertical-align: top;
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  tbody th,
  tfoot th {
    background: transparent;
    font-weight: 400;
    border-bottom: 1px solid #eef0f1;
    white-space: normal;
  }
  tr[data-highlight='true'] td,
  tr[data-highlight='true'] th {
    background: #fff4e5;
  }
`;

export const VisuallyHidden = styled.span`
  position: absolute;
  width: 1px;
  height: 1px;
  padding: 0;
  margin: -1px;
  overflow: hidden;
  clip: rect(0, 0, 0, 0);
  white-space: nowrap;
  border: 0;
`;
