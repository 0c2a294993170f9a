// Eslabón demo: "signed in as" switcher. Served by eslabon-server at /demo/switcher.js.
// Renders into <div id="eslabon-demo-switcher">; DOM APIs only (works under script-src 'self').
(function () {
  "use strict";
  var host = document.getElementById("eslabon-demo-switcher");
  if (!host) return;
  var en = (document.documentElement.lang || "es").toLowerCase().indexOf("en") === 0;
  var t = en
    ? { label: "Signed in as", go: "Switch", mod: " (moderator)", err: "Demo people unavailable" }
    : { label: "Conectado como", go: "Cambiar", mod: " (moderadora)", err: "Personas de demo no disponibles" };

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
  }

  function signIn(id) {
    var back = location.pathname + location.search;
    location.assign("/demo/sign-in?as=" + encodeURIComponent(id) + "&return=" + encodeURIComponent(back));
  }

  Promise.all([getJson("/api/v1/me"), getJson("/api/v1/people?limit=50")])
    .then(function (res) {
      var me = res[0], people = res[1].data || [];
      if (!people.some(function (p) { return p.id === me.id; })) people.unshift(me);
      var label = document.createElement("label");
      label.htmlFor = "eslabon-demo-switcher-select";
      label.textContent = t.label + " ";
      var select = document.createElement("select");
      select.id = "eslabon-demo-switcher-select";
      people.forEach(function (p) {
        var o = document.createElement("option");
        o.value = p.id;
        var isMod = (p.roles || []).indexOf("moderator") >= 0;
        o.textContent = p.name + (p.team ? " · " + p.team : "") + (isMod ? t.mod : "");
        o.selected = p.id === me.id;
        select.appendChild(o);
      });
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = t.go;
      select.addEventListener("change", function () { signIn(select.value); });
      button.addEventListener("click", function () { signIn(select.value); });
      host.replaceChildren(label, select, button);
    })
    .catch(function (e) {
      host.textContent = t.err;
      if (window.console) console.warn("eslabon demo switcher:", e);
    });
})();
