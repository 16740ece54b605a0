import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createGlobalStyle } from 'styled-components';
import { App } from './app/app.tsx';

// Procore's type scale and colours on the page itself (components bring their own styles).
const GlobalStyle = createGlobalStyle`
  body {
    margin: 0;
    font-family: Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    font-size: 14px;
    color: #232729;
    background: #f4f5f6;
  }
  a { color: #1d5cc9; }
  code { font-size: 12px; background: #f4f5f6; padding: 1px 4px; border-radius: 3px; }
`;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GlobalStyle />
    <App />
  </StrictMode>,
);
