// Chart colours: a colour-blind-safe palette (Okabe-Ito) and the axis greys per theme.
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000']

export interface ChartTheme {
  text: string
  muted: string
  grid: string
  axis: string
  tooltipBg: string
}

export function chartTheme(dark: boolean): ChartTheme {
  return dark
    ? { text: '#dde2ea', muted: '#929bab', grid: '#2a303b', axis: '#4a5262', tooltipBg: '#1b1f27' }
    : { text: '#1d2330', muted: '#5d6678', grid: '#e8ebf0', axis: '#b8bfcc', tooltipBg: '#ffffff' }
}
