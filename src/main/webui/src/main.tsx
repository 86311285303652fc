import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EventsClient, eventsUrl, fetchVersion } from './api';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (root === null) {
  throw new Error('index.html has no #root element');
}

const events = new EventsClient({ url: eventsUrl(window.location) });
const loadVersion = (signal: AbortSignal) => fetchVersion(fetch, signal);

createRoot(root).render(
  <StrictMode>
    <App events={events} loadVersion={loadVersion} />
  </StrictMode>,
);
