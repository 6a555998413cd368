import type { ThemeConfig } from 'antd';

/** A calm government blue; antd's default sizes keep touch targets usable on phones. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    colorLink: '#1f5fa8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', headerHeight: 56 },
  },
};

export const HEADER_HEIGHT = 56;
