// The admin's host of a UI extension, stood in for the Ponte sandbox. In Shopify's admin an extension's script runs in
// a sandbox the admin controls, with a `shopify` global (the target's API), Polaris web components (<s-stack>,
// <s-badge>, <s-button>…) and a fetch that resolves a relative address against the app's URL and adds the admin's
// session token. This script gives the built extension the same, in a page of its own:
//  - window.shopify: extend(target, fn), data.selected (the order on the page), i18n (translate from the
//    extension's locale files, in the admin user's language else the `.default` file; number, currency and date
//    formats), auth.idToken(), navigation, storage (in memory); query() answers that direct Admin API access is not
//    part of the stand-in (Ponte's block does not use it);
//  - stand-ins of the web components Ponte's block uses, with the same attributes and the same keyboard behaviour
//    (a <s-button> holds a real button);
//  - fetch to the app with Authorization: Bearer <session token>, from the emulator's session-token endpoint;
//  - the page's height, posted to the order page so that the block's frame fits it.
// Its settings come from the page (window.ponteExtensionHost): app URL, shop, order, language, target, locales.
(function () {
  "use strict";
  var host = window.ponteExtensionHost;

  // --- i18n -------------------------------------------------------------------------------------------------
  var locales = host.locales || { default: "en", messages: {} };
  var language = host.locale || locales.default;
  var primary = locales.messages[language] || locales.messages[language.split("-")[0]] || locales.messages[locales.default] || {};
  var fallback = locales.messages[locales.default] || {};
  function lookup(messages, key) {
    return key.split(".").reduce(function (node, part) {
      return node && typeof node === "object" ? node[part] : undefined;
    }, messages);
  }
  function translate(key, values) {
    var found = lookup(primary, key);
    if (found === undefined) found = lookup(fallback, key);
    if (found === undefined) return key;
    if (typeof found === "object" && values && typeof values.count === "number") {
      found = found[new Intl.PluralRules(language).select(values.count)] || found.other;
    }
    return String(found).replace(/\{\{\s*(\w+)\s*\}\}/g, function (_, name) {
      return values && values[name] !== undefined ? String(values[name]) : "";
    });
  }

  // --- session token and fetch ------------------------------------------------------------------------------
  var appOrigin = new URL(host.appUrl).origin;
  var pageFetch = window.fetch.bind(window);
  function idToken() {
    return pageFetch(host.sessionTokenPath + "?shop=" + encodeURIComponent(host.shop), { method: "POST" })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        return body.token || null;
      });
  }
  window.fetch = function (input, init) {
    var address = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    var url = new URL(address, host.appUrl);
    if (url.origin !== appOrigin) return pageFetch(input, init);
    return idToken().then(function (token) {
      var headers = new Headers((init && init.headers) || undefined);
      if (token) headers.set("Authorization", "Bearer " + token);
      return pageFetch(url.href, Object.assign({}, init, { headers: headers }));
    });
  };

  // --- the shopify global -------------------------------------------------------------------------------------
  var stored = {};
  window.shopify = {
    extension: { target: host.target },
    data: { selected: host.selected },
    i18n: {
      translate: translate,
      formatNumber: function (number, options) {
        return new Intl.NumberFormat(language, options).format(number);
      },
      formatCurrency: function (number, options) {
        return new Intl.NumberFormat(language, Object.assign({ style: "currency" }, options)).format(number);
      },
      formatDate: function (date, options) {
        return new Intl.DateTimeFormat(language, options).format(date);
      },
    },
    auth: { idToken: idToken },
    navigation: {
      navigate: function () {},
    },
    storage: {
      get: function (key) {
        return Promise.resolve(stored[key]);
      },
      set: function (key, value) {
        stored[key] = value;
        return Promise.resolve();
      },
      delete: function (key) {
        delete stored[key];
        return Promise.resolve(true);
      },
    },
    query: function () {
      return Promise.resolve({ errors: [{ message: "Direct Admin API access is not part of the sandbox's extension host" }] });
    },
    extend: function (target, render) {
      if (target !== host.target) return;
      Promise.resolve(render()).catch(function (error) {
        console.error("the extension failed to render", error);
      });
    },
  };

  // --- web components -----------------------------------------------------------------------------------------
  var TONES = {
    success: ["#cdfee1", "#0c5132"],
    critical: ["#fedad9", "#8e0b21"],
    warning: ["#ffd6a4", "#5e4200"],
    caution: ["#fff1b3", "#4f4700"],
    info: ["#e0f0ff", "#00527c"],
    neutral: ["#e3e3e3", "#303030"],
    auto: ["#e3e3e3", "#303030"],
  };
  var GAPS = {
    none: "0",
    "small-500": "2px",
    "small-400": "4px",
    "small-300": "4px",
    "small-200": "6px",
    "small-100": "8px",
    small: "8px",
    base: "12px",
    large: "16px",
    "large-100": "20px",
  };
  var kebab = function (name) {
    return name.replace(/[A-Z]/g, function (c) {
      return "-" + c.toLowerCase();
    });
  };
  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  // An element whose properties reflect to attributes (as Preact sets a custom element's props), drawn in its shadow root.
  function define(tag, props, draw) {
    var Element = class extends HTMLElement {
      static get observedAttributes() {
        return props.map(kebab);
      }
      constructor() {
        super();
        this.attachShadow({ mode: "open" });
      }
      connectedCallback() {
        this.render();
      }
      attributeChangedCallback() {
        if (this.isConnected) this.render();
      }
      attr(name) {
        return this.getAttribute(kebab(name));
      }
      render() {
        draw(this);
      }
    };
    props.forEach(function (name) {
      Object.defineProperty(Element.prototype, name, {
        get: function () {
          var value = this.getAttribute(kebab(name));
          return value === "" ? true : value;
        },
        set: function (value) {
          if (value === false || value === null || value === undefined) this.removeAttribute(kebab(name));
          else this.setAttribute(kebab(name), value === true ? "" : String(value));
        },
      });
    });
    customElements.define(tag, Element);
  }

  define("s-admin-block", ["heading", "collapsedSummary"], function (el) {
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", el.attr("heading") || "");
    el.shadowRoot.innerHTML =
      "<style>:host{display:block;font:13px/1.4 system-ui,sans-serif;color:#303030}" +
      ".card{background:#fff;border-radius:12px;box-shadow:0 1px 0 rgba(26,26,26,.07),inset 0 -1px 0 #d4d4d4;padding:16px}" +
      "h2{font-size:14px;font-weight:650;margin:0 0 12px}</style>" +
      '<section class="card"><h2>' +
      escapeHtml(el.attr("heading")) +
      "</h2><slot></slot></section>";
  });

  define("s-stack", ["direction", "gap", "alignItems"], function (el) {
    var inline = el.attr("direction") === "inline";
    el.shadowRoot.innerHTML =
      "<style>:host{display:flex;flex-direction:" +
      (inline ? "row;flex-wrap:wrap" : "column") +
      ";gap:" +
      (GAPS[el.attr("gap")] || "0") +
      ";align-items:" +
      (el.attr("alignItems") === "center" ? "center" : inline ? "baseline" : "stretch") +
      "}</style><slot></slot>";
  });

  define("s-text", ["type", "color", "tone"], function (el) {
    var tone = TONES[el.attr("tone")];
    el.shadowRoot.innerHTML =
      "<style>:host{display:inline;" +
      (el.attr("type") === "strong" ? "font-weight:650;" : "") +
      (el.attr("color") === "subdued" ? "color:#616161;" : "") +
      (tone && el.attr("tone") !== "neutral" ? "color:" + tone[1] + ";" : "") +
      "}</style><slot></slot>";
  });

  define("s-paragraph", ["color", "tone"], function (el) {
    el.shadowRoot.innerHTML = "<style>:host{display:block;margin:0}</style><slot></slot>";
  });

  define("s-badge", ["tone", "size", "icon", "color"], function (el) {
    var tone = TONES[el.attr("tone")] || TONES.neutral;
    el.shadowRoot.innerHTML =
      "<style>:host{display:inline-block;border-radius:8px;padding:2px 8px;font-size:12px;font-weight:550;background:" +
      tone[0] +
      ";color:" +
      tone[1] +
      "}</style><slot></slot>";
  });

  define("s-banner", ["tone", "heading", "dismissible", "hidden"], function (el) {
    var tone = TONES[el.attr("tone")] || TONES.info;
    el.setAttribute("role", el.attr("tone") === "critical" ? "alert" : "status");
    var heading = el.attr("heading");
    el.shadowRoot.innerHTML =
      "<style>:host{display:block;border-radius:12px;padding:10px 12px;background:" +
      tone[0] +
      ";color:" +
      tone[1] +
      "}strong{display:block;margin-bottom:2px}</style>" +
      (heading ? "<strong>" + escapeHtml(heading) + "</strong>" : "") +
      "<slot></slot>";
  });

  define("s-button", ["variant", "tone", "loading", "disabled", "accessibilityLabel"], function (el) {
    var busy = el.hasAttribute("loading");
    var off = busy || el.hasAttribute("disabled");
    var primary = el.attr("variant") === "primary";
    var label = el.attr("accessibilityLabel");
    el.shadowRoot.innerHTML =
      "<style>button{font:inherit;font-weight:550;border-radius:8px;padding:6px 12px;cursor:pointer;border:0;" +
      (primary ? "background:#303030;color:#fff;" : "background:#fff;color:#303030;box-shadow:inset 0 0 0 1px #d4d4d4;") +
      "}button:disabled{opacity:.6;cursor:default}button:focus-visible{outline:2px solid #005bd3;outline-offset:1px}</style>" +
      '<button type="button"' +
      (off ? " disabled" : "") +
      (busy ? ' aria-busy="true"' : "") +
      (label ? ' aria-label="' + escapeHtml(label) + '"' : "") +
      "><slot></slot></button>";
  });

  define("s-spinner", ["accessibilityLabel", "size"], function (el) {
    el.shadowRoot.innerHTML =
      "<style>span{display:inline-block;width:16px;height:16px;border:2px solid #d4d4d4;border-top-color:#303030;border-radius:50%;animation:s 1s linear infinite}" +
      "@keyframes s{to{transform:rotate(360deg)}}</style>" +
      '<span role="status" aria-label="' +
      escapeHtml(el.attr("accessibilityLabel") || "") +
      '"></span>';
  });

  // --- the frame's height ------------------------------------------------------------------------------------
  if (window.parent !== window && typeof ResizeObserver === "function") {
    new ResizeObserver(function () {
      window.parent.postMessage({ type: "ponte-sandbox:block-height", handle: host.handle, height: document.documentElement.scrollHeight }, "*");
    }).observe(document.documentElement);
  }
})();
