// Material for MkDocs 9.8.1 partials/javascripts/base.html, as a file: the Content-Security-Policy
// of the sites allows no inline scripts. It must run before Material's bundle (it is in <head>).
// The scope is the site's root, which Material writes as base_url; this file sits two folders
// below it (assets/keukentafel/).
__md_scope = new URL("../../", document.currentScript.src);
__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
__md_set = (e, _, t = localStorage, a = __md_scope) => {
  try {
    t.setItem(a.pathname + "." + e, JSON.stringify(_));
  } catch (e) {}
};
