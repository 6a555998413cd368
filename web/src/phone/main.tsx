/**
 * The phone entry (issue 20): the residents' pages `/public/*` and `/t/*` without antd, React DOM or
 * React Router. The phone build (web/vite.phone.config.ts) aliases `react` to Preact's compat layer,
 * so these pages keep React's hooks and JSX; in `vite dev` they run on React itself.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhoneApp } from './App';
import { carryOverPlainForm } from './carry-over';
import './phone.css';

const root = document.getElementById('root');
if (!root) throw new Error('缺少 #root 元素');
// What the server put in the page (the plain form, or 正在加载…) gives way to the pages themselves.
carryOverPlainForm(root);
root.replaceChildren();

createRoot(root).render(
  <StrictMode>
    <PhoneApp />
  </StrictMode>,
);
