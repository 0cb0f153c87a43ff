// 信用核查小插件 (JX19 §15): an approval system opens /check?subject=…&purpose=… with its API key in
// the fragment (#key=…), which browsers never send to a server; the page asks POST /api/v1/checks
// and shows the answer in Chinese. The check is query-logged on the node like any other.
(function () {
  var params = new URLSearchParams(location.search);
  var key = new URLSearchParams(location.hash.replace(/^#/, '')).get('key');
  var out = document.getElementById('result');

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function section(title, items, render, empty) {
    out.appendChild(el('h2', title));
    if (!items || items.length === 0) { out.appendChild(el('p', empty, 'muted')); return; }
    var ul = el('ul');
    items.forEach(function (i) { ul.appendChild(render(i)); });
    out.appendChild(ul);
  }

  function measure(m) {
    var li = el('li', m.name + (m.suspended ? '（异议处理中，暂停执行）' : ''), m.suspended ? 'suspended' : null);
    li.appendChild(el('div', '依据：' + m.basis, 'basis'));
    return li;
  }

  function show(a) {
    out.textContent = '';
    out.appendChild(el('h1', '信用核查结果：' + a.subject));
    section('名单信息', a.entries, function (e) {
      var text = (e.listTypeLabel || e.category) + '（' + e.statusLabel + '）' + (e.role === 'RESPONSIBLE_PERSON' ? '，作为负有责任人员' : '')
          + '，来源节点 ' + e.origin + (e.validTo ? '，有效期至 ' + e.validTo : '');
      return el('li', text, e.status === 'DISPUTED' ? 'suspended' : 'bad');
    }, '未发现名单信息');
    section('强制性措施（依法必须联合执行）', a.measures.mandatory, measure, '无');
    section('推荐性措施（可根据实际情况实施）', a.measures.recommended, measure, '无');
    section('激励措施', a.incentives, function (m) {
      var li = el('li', m.name, 'good');
      li.appendChild(el('div', '依据：' + m.basis, 'basis'));
      return li;
    }, '无');
    section('提示', a.warnings, function (w) { return el('li', w.message, 'bad'); }, '无');
    out.appendChild(el('footer', '核查凭证：' + a.token + ' · 核查时间：' + a.checkedAt + ' · 用途：' + a.purpose));
  }

  function fail(text) {
    out.textContent = '';
    out.appendChild(el('p', text, 'bad'));
  }

  if (!params.get('subject') || !params.get('purpose')) { fail('请在地址中提供 subject（统一社会信用代码或身份证号码）和 purpose（用途）。'); return; }
  if (!key) { fail('缺少接口密钥：请由审批系统以 #key=… 打开本页。'); return; }
  fetch('/api/v1/checks', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + key },
    body: JSON.stringify({ subject: params.get('subject'), purpose: params.get('purpose') })
  }).then(function (r) {
    return r.json().then(function (body) {
      if (!r.ok) { fail('核查未完成（' + body.error + '）：' + body.message); return; }
      show(body);
    });
  }).catch(function (e) { fail('无法连接信用平台：' + e); });
})();
