import type { ReactNode } from 'react';
import styled from 'styled-components';

const Box = styled.div`
  padding: 32px 16px;
  text-align: center;
  color: #5a6168;
  border: 1px dashed #d6dadc;
  border-radius: 4px;
  margin: 16px 0;
`;

export function EmptyMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Box>
      <p style={{ fontWeight: 600, margin: '0 0 8px', color: '#232729' }}>{title}</p>
      {children ? <div>{children}</div> : null}
    </Box>
  );
}
