/** Colours as Grafana's field config takes them: a named palette colour, or CSS hex/rgb(a). */
type Hue = 'red' | 'orange' | 'yellow' | 'green' | 'blue' | 'purple';
type Shade = '' | 'super-light-' | 'light-' | 'semi-dark-' | 'dark-';

export type Color = `${Shade}${Hue}` | 'text' | 'transparent' | `#${string}` | `rgb(${string})` | `rgba(${string})`;
