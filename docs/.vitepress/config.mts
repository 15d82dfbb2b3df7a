// The docs site (`npm run docs:dev`, `npm run docs:build`). A dead link fails the build:
// ignoreDeadLinks stays off (test/docs/dead-link.test.ts holds that).
import { defineConfig, type DefaultTheme } from 'vitepress'

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guide',
    items: [
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: "The seed's experiment", link: '/guide/seed-experiment' },
      { text: 'Concepts', link: '/guide/concepts' },
      { text: 'Algorithms', link: '/guide/algorithms' },
      { text: 'Your own algorithm', link: '/guide/your-algorithm' },
      { text: 'Running headless', link: '/guide/cli' },
      { text: 'Sweeps and Slurm', link: '/guide/sweeps' },
      { text: 'Sessions on disk', link: '/guide/sessions' }
    ]
  },
  {
    text: 'Reference',
    items: [
      { text: 'Config reference', link: '/reference/config' },
      { text: 'Backends and performance', link: '/guide/backends' },
      { text: 'PyTorch parity', link: '/guide/pytorch-parity' },
      { text: 'Security', link: '/guide/security' }
    ]
  },
  {
    text: 'Contributors',
    items: [
      { text: 'Architecture', link: '/guide/architecture' },
      { text: 'Contributing', link: '/guide/contributing' }
    ]
  }
]

const guideKo: DefaultTheme.SidebarItem[] = [
  {
    text: '안내',
    items: [
      { text: '시작하기', link: '/ko/guide/getting-started' },
      { text: '시드 실험 따라 하기', link: '/ko/guide/seed-experiment' }
    ]
  },
  {
    text: '영어 문서',
    items: [
      { text: 'Concepts', link: '/guide/concepts' },
      { text: 'Algorithms', link: '/guide/algorithms' },
      { text: 'Config reference', link: '/reference/config' }
    ]
  }
]

export default defineConfig({
  title: 'Pseudoscope',
  description: 'A desktop workstation for semi-supervised learning research: watch pseudo-label accuracy at every step.',
  cleanUrls: true,
  ignoreDeadLinks: false,
  locales: {
    root: {
      label: 'English',
      lang: 'en-US',
      themeConfig: {
        nav: [
          { text: 'Guide', link: '/guide/getting-started' },
          { text: 'Config', link: '/reference/config' },
          { text: 'Architecture', link: '/guide/architecture' }
        ],
        sidebar: { '/': guide }
      }
    },
    ko: {
      label: '한국어',
      lang: 'ko-KR',
      description: '준지도 학습 연구용 데스크톱 워크스테이션: 매 스텝 의사 레이블 정확도를 봅니다.',
      themeConfig: {
        nav: [
          { text: '시작하기', link: '/ko/guide/getting-started' },
          { text: '시드 실험', link: '/ko/guide/seed-experiment' }
        ],
        sidebar: { '/ko/': guideKo },
        outline: { label: '이 페이지에서' },
        docFooter: { prev: '이전', next: '다음' },
        langMenuLabel: '언어',
        returnToTopLabel: '맨 위로',
        sidebarMenuLabel: '메뉴',
        darkModeSwitchLabel: '테마'
      }
    }
  },
  themeConfig: {
    search: { provider: 'local' }
  }
})
