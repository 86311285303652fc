import './styles.css'; // first, so component styles can refine the base rules
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { checkSession, EventsClient, eventsUrl, fetchVersion, login } from './api';
import { createRest } from './api/rest';
import { App, PRODUCT_NAME } from './App';
import { AuthGate } from './components/AuthGate';
import { applyTheme } from './prefs/theme';
import { applyFormats } from './prefs/formats';

// Before the first render, so the page does not flash the other theme (no inline script: CSP).
applyTheme();
applyFormats();

const root = document.getElementById('root');
if (root === null) {
  throw new Error('index.html has no #root element');
}

const events = new EventsClient({ url: eventsUrl(window.location) });
// A 401 from any call means the session ended (expired, or logged out in another tab): reload at
// /login, which also drops every piece of state that belonged to the session.
const rest = createRest({ onUnauthorized: () => window.location.assign('/login') });
const loadVersion = (signal: AbortSignal) => fetchVersion(fetch, signal);
const sessionCheck = (signal: AbortSignal) => checkSession(fetch, signal);
const sendLogin = (password: string) => login(password, fetch);

createRoot(root).render(
  <StrictMode>
    <AuthGate productName={PRODUCT_NAME} checkSession={sessionCheck} login={sendLogin}>
      <App events={events} loadVersion={loadVersion} rest={rest} />
    </AuthGate>
  </StrictMode>,
);
