import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { beginStartup } from './app/startup';
import { installDraftFlushing } from './annotations/drafts';
import './styles/app.css';

// Ask main for the first screen's data before React's first render.
beginStartup();
// Typing not yet committed is saved before the page can go away (reload, close, quit).
installDraftFlushing();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
