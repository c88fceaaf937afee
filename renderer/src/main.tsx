import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { beginStartup } from './app/startup';
import { installDraftFlushing } from './annotations/drafts';
import { installFirstScreenSaving } from './reader/firstScreen';
import { listenToMain } from './app/mainEvents';
import './styles/app.css';

// Ask main for the first screen's data before React's first render.
beginStartup();
// Menu commands sent while the app starts wait for it (app/mainEvents.ts).
listenToMain();
// Typing not yet committed is saved before the page can go away (reload, close, quit).
installDraftFlushing();
// What is on screen when the page goes away is painted first at the next start (firstScreen.ts).
installFirstScreenSaving();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
