/**
 * The grid worker's entry (web/field.html, issue 20): the kit `/field` on the phone kit and Preact's
 * compat layer like the residents' entry (web/vite.phone.config.ts builds both), without antd, React
 * DOM, React Router or TanStack Query. Its service worker keeps this entry's files for offline use.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FieldApp } from '../features/field/FieldApp';
import { isFieldPath, servePaths } from './router';
import './phone.css';

servePaths(isFieldPath);
const root = document.getElementById('root');
if (!root) throw new Error('缺少 #root 元素');
root.replaceChildren();

createRoot(root).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);
