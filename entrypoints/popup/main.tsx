import { render } from 'preact';

render(<p>Cookie Inspector</p>, document.getElementById('app')!);
