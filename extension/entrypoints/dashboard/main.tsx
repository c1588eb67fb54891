import { render } from 'preact';
import { initI18n } from '../../lib/i18n';
import { DashboardApp } from './DashboardApp';
import './components/pulse.css';
import './dashboard.css';

void initI18n().then(() => render(<DashboardApp />, document.getElementById('app')!));
