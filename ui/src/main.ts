import { mount } from 'svelte';
import App from './App.svelte';
import './lib/theme.svelte'; // the saved theme, before the first paint
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

export default mount(App, { target });
