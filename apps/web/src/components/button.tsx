import { Button as CoreButton } from '@procore/core-react';
import styled from 'styled-components';

/**
 * core-react's Button with one change: the primary variant's white text on Procore orange (orange50) is
 * 3.3:1, under WCAG AA's 4.5:1 for 14px text (axe color-contrast, serious). A darker Procore orange keeps the
 * look and passes (5.1:1); hover darker still.
 */
export const Button = styled(CoreButton)`
  /* core-react marks its primary buttons with data-a11y-skip="color-contrast" (Procore skips the check; we fix it). */
  &[data-a11y-skip='color-contrast']:not(:disabled) {
    background-color: #c73e00;
  }
  &[data-a11y-skip='color-contrast']:not(:disabled):hover {
    background-color: #a83400;
  }
`;
