import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { initialLocale, loadCatalog } from './i18n/i18n.svelte';
import { yieldToMain } from './core/yield';
import { boot } from './boot';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing');
// A page opening in Chinese renders in Chinese from the first frame (the catalogue is lazy).
void boot(
	() => loadCatalog(initialLocale()),
	yieldToMain,
	() => mount(App, { target })
);
