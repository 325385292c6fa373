import type { AppContext } from "./app-context.ts";

/** Until the web app lands, "/" says what runs here and links to the API docs. */
export function homePage(ctx: AppContext): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>motcua — ${ctx.deployment.provinceName}</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body>
<h1>motcua · Hệ thống một cửa</h1>
<p>${ctx.deployment.provinceName} — hệ thống tiếp nhận và giải quyết thủ tục hành chính.</p>
<ul>
<li><a href="/docs">Tài liệu API (OpenAPI)</a></li>
<li><a href="/api/v1/procedures?q=ket%20hon">Tìm thủ tục: "kết hôn"</a></li>
<li><a href="/api/v1/units/13285">Đơn vị hành chính mã 13285 (Phủ Lý)</a></li>
<li><a href="/api/v1/agencies">Cơ quan của tỉnh</a></li>
<li><a href="/api/v1/calendar/due?received=2026-02-13T08:00&duration=3d">Hạn trả: 3 ngày làm việc từ 13/02/2026 (qua Tết)</a></li>
</ul>
<h2>Hồ sơ</h2>
<p>Đăng nhập qua <code>POST /api/v1/auth/login</code> rồi dùng <code>Authorization: Bearer &lt;token&gt;</code>
cho hộp công việc (<code>/api/v1/inbox</code>), hồ sơ, thao tác và biểu mẫu PDF. Ở chế độ demo, các tài khoản
<code>desk</code>, <code>specialist</code>, <code>head</code>, <code>leader</code>, <code>clerk</code>, <code>admin</code>,
<code>supervisor</code> và <code>desk.&lt;mã xã&gt;</code> có mật khẩu <code>demo</code>; dữ liệu hồ sơ mẫu là dữ liệu tổng hợp.</p>
<p>Người dân tra cứu hồ sơ: <code>/api/v1/public/dossiers/&lt;mã hồ sơ&gt;?pin=&lt;mã tra cứu&gt;</code>.</p>
<p lang="en">English: the web app is not built yet; this page links to the REST API and its documentation.</p>
</body></html>`;
}
