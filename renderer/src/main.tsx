import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { beginStartup } from './app/startup';
import './styles/app.css';

// Ask main for the first screen's data before React's first render.
beginStartup();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
