// App Bridge stand-in for the Ponte sandbox. Shopify's App Bridge script
// loads from Shopify's CDN, which the sandbox cannot reach; this script does
// the part of its work an embedded app relies on:
//  - window.shopify with config, idToken(), toast and loading;
//  - an Authorization: Bearer <session token> header on the app's own fetches,
//    retried once with a fresh token when the app answers 401 with
//    X-Shopify-Retry-Invalid-Session-Request;
//  - the /auth/session-token bounce: back to `shopify-reload` with a fresh
//    id_token;
//  - <ui-nav-menu>: hidden in the app, its links shown in the admin's side
//    navigation, and a click there navigates the app (shopify:navigate);
//  - shopify://admin/… links open the admin's own page (an order's).
// Session tokens come from the admin frame (the parent window) by
// postMessage, as real App Bridge gets them from Shopify's admin.
(function () {
  "use strict";
  var script = document.currentScript;
  var apiKey = (script && script.getAttribute("data-api-key")) || "";
  var params = new URLSearchParams(window.location.search);
  var shop = params.get("shop") || "";
  var host = params.get("host") || "";
  var pending = {};
  var nextRequest = 1;

  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "ponte-sandbox:id-token-result" || !pending[data.requestId]) return;
    var waiter = pending[data.requestId];
    delete pending[data.requestId];
    if (data.token) waiter.resolve(data.token);
    else waiter.reject(new Error(data.error || "no session token"));
  });

  function idToken() {
    if (window.parent === window) return Promise.reject(new Error("the app is not inside the admin frame"));
    return new Promise(function (resolve, reject) {
      var requestId = String(nextRequest++);
      pending[requestId] = { resolve: resolve, reject: reject };
      window.parent.postMessage({ type: "ponte-sandbox:id-token", requestId: requestId, shop: shop }, "*");
      setTimeout(function () {
        if (pending[requestId]) {
          delete pending[requestId];
          reject(new Error("the admin frame did not answer with a session token"));
        }
      }, 5000);
    });
  }

  function toastHost() {
    var el = document.getElementById("ponte-sandbox-toast");
    if (!el) {
      el = document.createElement("div");
      el.id = "ponte-sandbox-toast";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      el.style.cssText =
        "position:fixed;bottom:24px;left:50%;transform:translateX(-50%);background:#303030;color:#fff;padding:10px 16px;border-radius:8px;font:14px system-ui;display:none;z-index:1000";
      document.body.appendChild(el);
    }
    return el;
  }

  window.shopify = {
    config: { apiKey: apiKey, shop: shop, host: host, locale: "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    toast: {
      show: function (message, options) {
        var el = toastHost();
        el.textContent = message;
        el.style.background = options && options.isError ? "#8e1f0b" : "#303030";
        el.style.display = "block";
        clearTimeout(el._timer);
        el._timer = setTimeout(
          function () {
            el.style.display = "none";
          },
          (options && options.duration) || 4000,
        );
        return "toast";
      },
      hide: function () {
        toastHost().style.display = "none";
      },
    },
    loading: function (isLoading) {
      document.documentElement.dataset.shopifyLoading = isLoading ? "true" : "false";
    },
  };

  var originalFetch = window.fetch.bind(window);
  function sameOrigin(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch {
      return false;
    }
  }
  function withToken(input, init, token) {
    var request = new Request(input, init);
    var headers = new Headers(request.headers);
    headers.set("Authorization", "Bearer " + token);
    return new Request(request, { headers: headers });
  }
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!sameOrigin(url)) return originalFetch(input, init);
    var retryable = new Request(input, init).clone();
    return idToken().then(function (token) {
      return originalFetch(withToken(input, init, token)).then(function (response) {
        if (response.status === 401 && response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") {
          return idToken().then(function (fresh) {
            return originalFetch(withToken(retryable, undefined, fresh));
          });
        }
        return response;
      });
    });
  };

  var navStyle = document.createElement("style");
  navStyle.textContent = "ui-nav-menu { display: none !important; }";
  document.head.appendChild(navStyle);

  var lastMenu = "";
  function reportNavMenu() {
    var menu = document.querySelector("ui-nav-menu");
    if (!menu || window.parent === window) return;
    var items = Array.prototype.map.call(menu.querySelectorAll("a"), function (a) {
      return { href: a.getAttribute("href"), label: a.textContent.trim(), home: a.getAttribute("rel") === "home" };
    });
    var serialized = JSON.stringify(items);
    if (serialized === lastMenu) return;
    lastMenu = serialized;
    window.parent.postMessage({ type: "ponte-sandbox:nav-menu", items: items }, "*");
  }
  new MutationObserver(reportNavMenu).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", reportNavMenu);

  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (event.source !== window.parent || data.type !== "ponte-sandbox:navigate") return;
    var links = document.querySelectorAll("ui-nav-menu a");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("href") === data.href) {
        links[i].dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
        return;
      }
    }
  });

  // A shopify://admin/… link (the Orders page's order names): App Bridge opens the admin's own page, here by asking
  // the admin frame.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest('a[href^="shopify://admin/"]') : null;
    if (!link || window.parent === window) return;
    event.preventDefault();
    window.parent.postMessage({ type: "ponte-sandbox:admin-navigate", path: link.getAttribute("href").slice("shopify://admin".length) }, "*");
  });

  if (window.location.pathname === "/auth/session-token") {
    var reload = params.get("shopify-reload");
    if (reload) {
      idToken().then(function (token) {
        var target = new URL(reload, window.location.href);
        if (target.origin !== window.location.origin) return;
        target.searchParams.set("id_token", token);
        window.location.replace(target.href);
      });
    }
  }
})();
