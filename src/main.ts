import { mount } from 'svelte';
import 'katex/dist/katex.min.css';
import './lib/styles/app.css';
import { setupI18n } from './lib/i18n';
import { registerServiceWorker } from './lib/pwa/register-sw';
import App from './App.svelte';

setupI18n();
registerServiceWorker();
mount(App, { target: document.getElementById('app')! });
