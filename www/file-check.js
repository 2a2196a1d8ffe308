// A classic (non-module) script, so that it runs where module scripts cannot: opened from the file
// system (file://), the browser refuses to load the widget's modules. Say so, and how to serve
// the folder, in both languages. On a web server this does nothing.
(function () {
  if (location.protocol !== 'file:') return;
  function show() {
    var box = document.createElement('div');
    box.className = 'file-warning';
    box.setAttribute('role', 'alert');
    var lines = [
      ['zh-CN', '此页面是直接从文件夹打开的（file://），浏览器不允许这样加载地图的模块。请把这个文件夹放到网站服务器上，或在文件夹中运行：python3 -m http.server 8080，然后访问 http://127.0.0.1:8080/。'],
      ['en', 'This page was opened from a folder (file://), and browsers do not load the map\u2019s modules that way. Put this folder on a web server, or run in it: python3 -m http.server 8080, then open http://127.0.0.1:8080/.'],
    ];
    for (var i = 0; i < lines.length; i++) {
      var p = document.createElement('p');
      p.lang = lines[i][0];
      p.textContent = lines[i][1];
      box.appendChild(p);
    }
    document.body.insertBefore(box, document.body.firstChild);
    document.body.setAttribute('data-youcheng-error', 'file');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
