import type { ThemeConfig } from 'antd';

/** A calm government blue; antd's default sizes keep touch targets usable on phones. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    colorLink: '#1f5fa8',
    // antd's grey text (45 % and 25 % black) is below the WCAG AA contrast of 4.5:1 on white, and
    // residents read hints and placeholders on cheap phone screens outdoors: 62 % black is 5.9:1.
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.55)',
    // A button busy with its request keeps its text readable (antd dims it to 65 %).
    opacityLoading: 0.9,
    // Danger buttons and error texts: antd's #ff4d4f is 3.3:1 on white; this red is 5.6:1.
    colorError: '#cf1322',
    // Tags draw their text in the 7th shade of these palettes on the 1st: antd's seeds leave green,
    // orange, gold, cyan, lime and volcano tags near 3:1. Darker seeds bring them past 4.5:1.
    green: '#237804',
    orange: '#ad4e00',
    gold: '#ad6800',
    cyan: '#006d75',
    lime: '#3f6600',
    volcano: '#ad2102',
    // Status tags (处理中, 已办结, 警告) draw their text in the status colour itself on its lightest tint:
    // antd's #1677ff, #52c41a and #faad14 give 3.7, 2.0 and 1.6:1 there. Darker colours on antd's own
    // light tints (set apart: a dark seed would darken its generated tint too) give 5.8, 5.4 and 6.5:1.
    colorInfo: '#1f5fa8',
    colorInfoBg: '#e6f4ff',
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorWarning: '#874d00',
    colorWarningBg: '#fffbe6',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', headerHeight: 56 },
  },
};

export const HEADER_HEIGHT = 56;
