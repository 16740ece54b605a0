import type { ReactNode } from 'react';
import styled from 'styled-components';

const Section = styled.section`
  margin-bottom: 24px;
  h2 {
    font-size: 18px;
    margin: 0 0 12px;
  }
`;

const Header = styled.div`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: 16px;
  flex-wrap: wrap;
  margin-bottom: 12px;
  h1 {
    font-size: 24px;
    margin: 0;
  }
  p {
    margin: 4px 0 0;
    color: #5a6168;
  }
`;

/** A screen's heading (the h1 the page's focus moves to on navigation), its description and its actions. */
export function ScreenHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <Header>
      <div>
        <h1 tabIndex={-1} data-screen-title>
          {title}
        </h1>
        {description ? <p>{description}</p> : null}
      </div>
      {actions ? <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{actions}</div> : null}
    </Header>
  );
}

export function PageSection({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Section aria-label={title}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </Section>
  );
}
