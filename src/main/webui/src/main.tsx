import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { checkSession, EventsClient, eventsUrl, fetchVersion, login } from './api';
import { App, PRODUCT_NAME } from './App';
import { AuthGate } from './components/AuthGate';
import './styles.css';

const root = document.getElementById('root');
if (root === null) {
  throw new Error('index.html has no #root element');
}

const events = new EventsClient({ url: eventsUrl(window.location) });
const loadVersion = (signal: AbortSignal) => fetchVersion(fetch, signal);
const sessionCheck = (signal: AbortSignal) => checkSession(fetch, signal);
const sendLogin = (password: string) => login(password, fetch);

createRoot(root).render(
  <StrictMode>
    <AuthGate productName={PRODUCT_NAME} checkSession={sessionCheck} login={sendLogin}>
      <App events={events} loadVersion={loadVersion} />
    </AuthGate>
  </StrictMode>,
);
