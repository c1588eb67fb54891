import { render } from 'preact';
import { initI18n } from '../../lib/i18n';
import { PopupApp } from './PopupApp';
import '../dashboard/components/pulse.css';
import './popup.css';

void initI18n().then(() => render(<PopupApp />, document.getElementById('app')!));
