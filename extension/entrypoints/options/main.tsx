import { render } from 'preact';
import { initI18n } from '../../lib/i18n';
import { OptionsApp } from './OptionsApp';
import './options.css';

void initI18n().then(() => render(<OptionsApp />, document.getElementById('app')!));
