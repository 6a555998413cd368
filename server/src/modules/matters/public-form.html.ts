/**
 * The resident's form as plain HTML (issue 20): on a phone whose script has not arrived yet, or never
 * runs, 反映问题 still works — the page's first screen is this form, posted to POST /public/submit,
 * answered with the code and secret as a page. When the phone entry's script runs it takes the form
 * over (web/src/phone/main.tsx keeps what was typed). Same words as the scripted form; no map, no
 * photos (they can be added later from 查询进度).
 */
import { type Category, categoriesForKind } from '../../../../core/domain/catalog/categories';
import { maskPhone } from '../../../../core/domain/masking';
import { type MatterKind, matterKindLabels } from '../../../../core/domain/matters/model';

export const residentKinds = [
  'dispute',
  'request',
  'consultation',
  'petition',
] as const satisfies readonly MatterKind[];

/** The form's fields as posted (application/x-www-form-urlencoded). */
export interface FormValues {
  category?: string;
  title?: string;
  description?: string;
  address?: string;
  name?: string;
  phone?: string;
  otherName?: string;
  otherPhone?: string;
  otherAddress?: string;
  key?: string;
}

export type FormProblems = Partial<Record<keyof FormValues, string>>;

const esc = (s: string | undefined | null) =>
  (s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function field(
  name: keyof FormValues,
  label: string,
  control: (attrs: string) => string,
  opts: { required?: boolean; extra?: string; problem?: string } = {},
): string {
  const id = `nojs-${name}`;
  const described = [opts.extra ? `${id}-extra` : '', opts.problem ? `${id}-problem` : '']
    .filter(Boolean)
    .join(' ');
  const attrs = `id="${id}" name="${name}"${opts.required ? ' required aria-required="true"' : ''}${
    described ? ` aria-describedby="${described}"` : ''
  }${opts.problem ? ' aria-invalid="true"' : ''}`;
  return `<div class="zz-field${opts.problem ? ' zz-field-error' : ''}">
<label class="zz-label" for="${id}">${opts.required ? '<span class="zz-required" aria-hidden="true">*</span>' : ''}${esc(label)}</label>
${control(attrs)}
${opts.problem ? `<div id="${id}-problem" class="zz-field-problem" role="alert">${esc(opts.problem)}</div>` : ''}
${opts.extra ? `<div id="${id}-extra" class="zz-field-extra">${esc(opts.extra)}</div>` : ''}
</div>`;
}

const input =
  (value: string | undefined, more = '') =>
  (attrs: string) =>
    `<input class="zz-input" ${attrs} value="${esc(value)}"${more}>`;

/** One select for type and category: a group of categories per type (no script to filter them). */
function categorySelect(categories: readonly Category[], value: string | undefined) {
  return (attrs: string) => {
    const groups = residentKinds.map((k) => {
      const options = categoriesForKind(k, categories)
        .map((c) => {
          const v = `${k}:${c.code}`;
          const label = c.parentCode ? `　└ ${c.name}` : c.name;
          return `<option value="${esc(v)}"${v === value ? ' selected' : ''}>${esc(label)}</option>`;
        })
        .join('');
      return `<optgroup label="${esc(matterKindLabels[k])}">${options}</optgroup>`;
    });
    return `<select class="zz-input zz-select" ${attrs}><option value="">请选择</option>${groups.join('')}</select>`;
  };
}

/** The form, to go into the phone entry's `#root` (GET) or on a page of its own (a refused POST). */
export function residentFormHtml(
  categories: readonly Category[],
  values: FormValues,
  problems: FormProblems,
  key: string,
  message?: string,
): string {
  const p = problems;
  return `<div class="zz-main" data-nojs="public-form">
<h1 class="zz-title">反映问题</h1>
<p class="zz-muted">无需注册登录。提交后您会得到事项编号和查询码，凭它们和手机号码随时查询办理进度。</p>
${message ? `<div class="zz-alert zz-alert-error" role="alert"><div class="zz-alert-body"><div class="zz-alert-title">提交未成功</div><div class="zz-alert-text">${esc(message)}</div></div></div>` : ''}
<form method="post" action="/public/submit" aria-label="反映问题" accept-charset="utf-8">
<input type="hidden" name="key" value="${esc(key)}">
<section class="zz-card"><h2 class="zz-card-title">1. 什么事</h2><div class="zz-card-body">
${field('category', '类型和具体类别', categorySelect(categories, values.category), { required: true, problem: p.category, extra: '先找到事情的类型（矛盾纠纷、诉求/便民服务、咨询、信访），再选最接近的类别。' })}
${field('title', '标题', input(values.title, ' maxlength="80" placeholder="一句话概括，如：邻居排水沟堵塞"'), { required: true, problem: p.title })}
${field('description', '具体情况', (a) => `<textarea class="zz-input" ${a} rows="4" maxlength="5000" placeholder="什么时间、什么地方、发生了什么、希望怎么解决">${esc(values.description)}</textarea>`, { required: true, problem: p.description })}
</div></section>
<section class="zz-card"><h2 class="zz-card-title">2. 在哪里</h2><div class="zz-card-body">
${field('address', '详细地址', input(values.address, ' maxlength="200" placeholder="村、小区、门牌号或附近地标"'), { required: true, problem: p.address })}
</div></section>
<section class="zz-card"><h2 class="zz-card-title">3. 您的联系方式</h2><div class="zz-card-body">
${field('name', '姓名', input(values.name, ' maxlength="60" autocomplete="name"'), { required: true, problem: p.name })}
${field('phone', '手机号码', input(values.phone, ' type="tel" inputmode="tel" maxlength="11" autocomplete="tel"'), { required: true, problem: p.phone, extra: '用于查询办理进度和工作人员联系您；我们会依法保护您的个人信息。' })}
</div></section>
<section class="zz-card"><h2 class="zz-card-title">4. 对方当事人（纠纷必填姓名）</h2><div class="zz-card-body">
${field('otherName', '对方姓名或单位名称', input(values.otherName, ' maxlength="60"'), { problem: p.otherName, extra: '不知道全名可以写称呼，如：3号楼502住户、某某建筑队。' })}
${field('otherPhone', '对方手机号码（知道的话）', input(values.otherPhone, ' type="tel" inputmode="tel" maxlength="11"'), { problem: p.otherPhone })}
${field('otherAddress', '对方住址（知道的话）', input(values.otherAddress, ' maxlength="200"'), { problem: p.otherAddress })}
</div></section>
<button type="submit" class="zz-btn zz-btn-primary zz-btn-large zz-btn-block">提交</button>
<p class="zz-muted" style="margin-top:12px;text-align:center">照片可在提交后到“查询进度”里补充。已经提交过？<a href="/public/track">查询办理进度</a></p>
</form>
</div>`;
}

/** The residents' header and footer around `body`, as the phone entry draws them. */
export function residentChrome(body: string): string {
  return `<header class="zz-header"><div class="zz-header-inner"><div class="zz-brand"><div class="zz-brand-name">综治 · 群众办事</div><div class="zz-brand-sub">无需登录</div></div>
<nav aria-label="群众办事导航" class="zz-nav"><a href="/public/submit">反映问题</a><a href="/public/track">查询进度</a><a href="/public/services">办事指南</a></nav></div></header>
<main>${body}</main>
<footer class="zz-footer">遇到紧急危险请拨打 110。<a href="/login">工作人员登录</a></footer>`;
}

/**
 * The pages carrying the plain form send their own origin with the post. Under the site's
 * `Referrer-Policy: no-referrer` a browser posts a form with `Origin: null`, which the auth plugin must
 * refuse as foreign; `same-origin` still gives other sites nothing.
 */
export const sameOriginReferrer = '<meta name="referrer" content="same-origin">';

/** A page of its own around `body`, styled by the phone entry's stylesheet, without its script. */
export function residentPage(title: string, stylesheets: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${esc(title)}</title>
${sameOriginReferrer}
${stylesheets}
</head>
<body>
${residentChrome(body)}
</body>
</html>`;
}

/** The answer to an accepted form: the code and the secret, with the same warning as the scripted page. */
export function submittedHtml(r: {
  code: string;
  trackingSecret: string;
  holder: string;
  statusLabel: string;
  phone: string;
}): string {
  return `<div class="zz-main"><section class="zz-card" data-nojs="public-submitted"><div class="zz-card-body">
<h1 class="zz-title" style="text-align:center">提交成功</h1>
<p class="zz-muted" style="text-align:center">已交由${esc(r.holder || '综治中心')}办理，当前状态：${esc(r.statusLabel)}</p>
<div class="zz-alert zz-alert-warning" role="alert"><div class="zz-alert-body"><div class="zz-alert-title">请务必保存下面的事项编号和查询码</div>
<div class="zz-alert-text">查询码工作人员也无法帮您找回。编号和查询码已用短信发到 ${esc(maskPhone(r.phone) ?? '您的手机')}；也请抄写下来或截图。查询进度时还需要这个手机号码。</div></div></div>
<dl style="margin:0"><dt class="zz-muted">事项编号</dt><dd style="margin:0 0 12px" class="zz-code" data-nojs="public-code">${esc(r.code)}</dd>
<dt class="zz-muted">查询码</dt><dd style="margin:0" class="zz-code" data-nojs="public-secret">${esc(r.trackingSecret)}</dd></dl>
<p style="margin-top:20px"><a class="zz-btn zz-btn-primary zz-btn-large" href="/public/track?code=${encodeURIComponent(r.code)}">查询办理进度</a>
<a class="zz-btn zz-btn-large" href="/public/submit">再反映一件</a></p>
</div></section></div>`;
}
