/* Names on the live map, and the map kept on the view's focus.
 *
 * dashboardMapLabels(map, options) returns { update(view) }. Each layer script of the
 * dashboard ends with a call to update() (maps/live.py): `view` holds the district
 * names in the order they are placed (from dashboard/maps/labels.py: those in focus
 * first, then larger districts), each with its anchor points, the settlements' names
 * (most people first), and the focus to fit.
 *
 * Placement follows dashboard/maps/labels.py (`district_boxes`, `beside`, `place`)
 * with the boxes the browser
 * measures: each name takes its first candidate box that covers no name kept before
 * it and no settlement circle, else it is left out. It runs again after every zoom,
 * since the names keep their size while the map scales. Settlement names are placed
 * only from options.settlementZoom on.
 *
 * Names arrive escaped as HTML (maps/live.py), like the tooltips'. The elements are rebuilt only
 * when the names change (language, districts drawn, focus, settlements), not on a
 * filter change that keeps them.
 *
 * The focus is fitted when it changes (and on the first update); a filter change that
 * keeps the focus keeps the user's zoom and pan. A change of the map's size refits
 * until the user moves the map.
 */
function dashboardMapLabels(map, options) {
  "use strict";
  var pane = map.createPane("dashboardLabels");
  pane.style.zIndex = 450; // above the districts and circles (400), below tooltips (650)
  pane.style.pointerEvents = "none";
  var districts = [];
  var settlements = [];
  var districtsKey = null;
  var settlementsKey = null;
  var fitKey = null;
  var fitBounds = null;
  var fitting = false;
  var userMoved = false;

  function label(text, classes, lang) {
    var el = document.createElement("div");
    el.className = "map-label " + classes;
    el.innerHTML = text; // escaped by maps/live.py
    if (lang) el.lang = lang;
    el.style.visibility = "hidden";
    pane.appendChild(el);
    return el;
  }

  function measure(items) {
    items.forEach(function (item) {
      item.el.style.display = "";
      var rect = item.el.getBoundingClientRect();
      item.width = rect.width;
      item.height = rect.height;
    });
  }

  function clear(items) {
    items.forEach(function (item) { pane.removeChild(item.el); });
    return [];
  }

  function box(left, top, width, height) {
    return { left: left, top: top, right: left + width, bottom: top + height };
  }

  function centred(point, w, h) {
    return box(point.x - w / 2, point.y - h / 2, w, h);
  }

  function beside(point, w, h, side, d) {
    if (side === "right") return box(point.x + d, point.y - h / 2, w, h);
    if (side === "left") return box(point.x - d - w, point.y - h / 2, w, h);
    if (side === "above") return box(point.x - w / 2, point.y - d - h, w, h);
    return box(point.x - w / 2, point.y + d, w, h);
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function grown(b, m) {
    return { left: b.left - m, top: b.top - m, right: b.right + m, bottom: b.bottom + m };
  }

  // The same rule as dashboard/maps/labels.py `place`.
  function place(candidates, obstacles) {
    var kept = [];
    return candidates.map(function (boxes) {
      for (var i = 0; i < boxes.length; i++) {
        var b = boxes[i];
        var free = obstacles.every(function (o) { return !overlaps(b, o); }) &&
          kept.every(function (k) { return !overlaps(b, k); });
        if (free) {
          kept.push(b);
          return i;
        }
      }
      return null;
    });
  }

  function circles() {
    var found = {};
    map.eachLayer(function (layer) {
      if (layer instanceof L.CircleMarker && layer.feature && layer.feature.properties) {
        found[layer.feature.properties.id] = layer;
      }
    });
    return found;
  }

  function layout() {
    var margin = options.margin;
    var byId = circles();
    var obstacles = [];
    Object.keys(byId).forEach(function (id) {
      var layer = byId[id];
      var p = map.latLngToLayerPoint(layer.getLatLng());
      var r = layer.getRadius() + (layer.options.weight || 0) / 2;
      obstacles.push(box(p.x - r, p.y - r, 2 * r, 2 * r));
    });
    var items = [];
    var candidates = [];
    districts.forEach(function (item) {
      if (!item.width) measure([item]); // drawn while the map was hidden
      items.push(item);
      var boxes = [];
      options.shifts.forEach(function (shift) {
        item.anchors.forEach(function (ll) {
          var p = map.latLngToLayerPoint(ll);
          var b = centred(L.point(p.x, p.y + shift * item.height), item.width, item.height);
          boxes.push(grown(b, margin));
        });
      });
      candidates.push(boxes);
    });
    var zoomedIn = map.getZoom() >= options.settlementZoom;
    settlements.forEach(function (item) {
      var layer = byId[item.id];
      if (!zoomedIn || !layer) {
        item.el.style.display = "none";
        return;
      }
      if (!item.width) measure([item]);
      var p = map.latLngToLayerPoint(layer.getLatLng());
      var d = layer.getRadius() + (layer.options.weight || 0) / 2 + options.gap + margin;
      items.push(item);
      candidates.push(options.sides.map(function (side) {
        return grown(beside(p, item.width, item.height, side, d), margin);
      }));
    });
    var chosen = place(candidates, obstacles);
    items.forEach(function (item, i) {
      var c = chosen[i];
      if (c === null) {
        item.el.style.display = "none";
        return;
      }
      var b = candidates[i][c];
      item.el.style.display = "";
      item.el.style.visibility = "";
      L.DomUtil.setPosition(item.el, L.point(b.left + margin, b.top + margin));
    });
  }

  function refit() {
    fitting = true;
    map.fitBounds(fitBounds, { padding: [options.padding, options.padding], animate: false });
    fitting = false;
  }

  map.on("movestart", function () { // dragging, zooming, keyboard panning: the viewer's view now
    if (!fitting) userMoved = true;
  });
  map.on("zoomstart", function () {
    pane.style.display = "none"; // names keep their size: hidden while the map scales
  });
  map.on("zoomend viewreset", function () {
    pane.style.display = "";
    layout();
  });
  map.on("resize", function () {
    if (fitBounds && !userMoved) refit();
  });
  if (window.ResizeObserver) { // the map's box may change without the window's
    new ResizeObserver(function () { map.invalidateSize(); }).observe(map.getContainer());
  }

  function update(view) {
    pane.style.display = "";
    var key = JSON.stringify([view.lang, view.districts]);
    if (key !== districtsKey) {
      districtsKey = key;
      districts = clear(districts);
      view.districts.forEach(function (d) {
        districts.push({
          code: d[0],
          el: label(d[1], "district-label " + (d[2] ? "in-focus" : "context"), view.lang),
          anchors: d[3].map(function (p) { return L.latLng(p[0], p[1]); }),
        });
      });
      measure(districts);
    }
    key = JSON.stringify(view.settlements);
    if (key !== settlementsKey) {
      settlementsKey = key;
      settlements = clear(settlements);
      view.settlements.forEach(function (s) {
        settlements.push({ id: s[0], el: label(s[1], "settlement-label", view.lang) });
      });
      measure(settlements);
    }
    if (view.fit && view.fit.key !== fitKey) {
      fitKey = view.fit.key;
      fitBounds = L.latLngBounds(view.fit.bounds);
      userMoved = false;
      refit();
    }
    layout();
  }

  return { update: update };
}
