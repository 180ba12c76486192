import { render } from 'preact';
import { App } from './App';
import '@/components/ui.css';
import './options.css';

render(<App />, document.getElementById('app')!);
