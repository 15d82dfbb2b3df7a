// The default theme, with Korean lines broken between words (as the app does), not inside them.
import DefaultTheme from 'vitepress/theme'
import './style.css'

export default DefaultTheme
