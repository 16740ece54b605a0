import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import styled from 'styled-components';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { SignOutButton } from '../features/auth/components/sign-out-button.tsx';
import { companySearch } from '../lib/company-search.ts';
import { ROLE_LABELS } from '../lib/roles.ts';
import { useCompany } from '../lib/session.ts';

const Header = styled.header`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: 16px;
  padding: 12px 24px 0;
  background: #fff;
  .who {
    font-size: 13px;
    color: #5a6168;
    display: flex;
    align-items: center;
    gap: 8px;
  }
`;

const Nav = styled.nav`
  padding: 0 24px;
  border-bottom: 1px solid #d6dadc;
  background: #fff;
  ul {
    display: flex;
    flex-wrap: wrap;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  a {
    display: block;
    padding: 10px 14px;
    color: #232729;
    text-decoration: none;
    border-bottom: 3px solid transparent;
    font-size: 14px;
  }
  a[aria-current='page'] {
    border-bottom-color: #e04e0b;
    font-weight: 600;
  }
  a:focus-visible {
    outline: 2px solid #1d5cc9;
    outline-offset: -2px;
  }
`;

const Main = styled.main`
  padding: 16px 24px;
  background: #fff;
  min-height: calc(100vh - 110px);
`;

const SkipLink = styled.a`
  position: absolute;
  left: -9999px;
  &:focus {
    left: 8px;
    top: 8px;
    background: #fff;
    padding: 8px;
    z-index: 3000;
  }
`;

export const SCREENS = [
  { path: 'exports', label: 'Export to QuickBooks' },
  { path: 'jobs', label: 'Jobs' },
  { path: 'vendors', label: 'Vendors' },
  { path: 'job-costs', label: 'Job costs' },
  { path: 'exceptions', label: 'Exceptions' },
  { path: 'activity', label: 'Activity' },
  { path: 'connection', label: 'Connection' },
  { path: 'settings', label: 'Settings' },
  { path: 'members', label: 'Members' },
] as const;

/** The ERP Integrations tab: who is signed in, the screens, and the screen (its h1 takes focus on navigation). */
export function AppLayout() {
  const { user, company } = useCompany();
  const location = useLocation();
  const search = companySearch(location.search);
  const first = useRef(true);
  useEffect(() => {
    // Moving between screens: put screen readers and keyboard focus on the new screen's heading.
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('[data-screen-title]')?.focus();
  }, [location.pathname]);
  return (
    <>
      <SkipLink href="#main">Skip to the screen</SkipLink>
      <Header>
        <div>
          <span style={{ fontSize: 12, color: '#5a6168', display: 'block' }}>ERP Integrations · QuickBooks Desktop</span>
          <strong>{company.name}</strong>
        </div>
        <div className="who">
          <span>
            {user.name} ({company.roles.map((r) => ROLE_LABELS[r]).join(', ') || 'no role'})
          </span>
          <SignOutButton />
        </div>
      </Header>
      <Nav aria-label="ERP Integrations">
        <ul>
          {SCREENS.map((s) => (
            <li key={s.path}>
              <NavLink to={{ pathname: `/${s.path}`, search }}>{s.label}</NavLink>
            </li>
          ))}
        </ul>
      </Nav>
      <Main id="main">
        <ErrorBoundary key={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </Main>
    </>
  );
}
