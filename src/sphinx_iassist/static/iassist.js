/* sphinx-iassist: keep event lists true between builds.
 *
 * A page is as fresh as its last build. Each event carries the instants it starts and is
 * over (data-iassist-start / data-iassist-end, computed at build time in the event's own time
 * zone and written in UTC), so this script can regroup the lists by the reader's clock:
 * events move between Forthcoming and Completed, "Happening now" badges appear and go,
 * notices show from their first day and hide once expired. Without JavaScript the build's grouping stands, and so it does for
 * pages built for a date set in conf.py (iassist_today: data-iassist-pinned), and for an
 * event whose instants do not parse. No framework, no network.
 */
(function () {
  "use strict";

  var CONTAINERS = "ul.iassist-events, div.iassist-buttons, div.iassist-cards, tbody";

  function localDate(now) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function instant(element, name) {
    var value = Date.parse(element.getAttribute(name) || "");
    return isNaN(value) ? null : value;
  }

  // Where an event stands at `now`; null when its instants cannot be read (a template that
  // writes them differently): such an event stays as built.
  function state(event, now) {
    var start = instant(event, "data-iassist-start");
    var end = instant(event, "data-iassist-end");
    if (start === null || end === null) { return null; }
    return { start: start, over: now >= end, ongoing: now >= start && now < end };
  }

  function builtGroup(event) {
    var section = event.closest(".iassist-event-group");
    return section ? section.getAttribute("data-iassist-group") : null;
  }

  function setOngoing(event, ongoing, label) {
    event.classList.toggle("iassist-event-ongoing", ongoing);
    var badge = event.querySelector(".iassist-ongoing");
    if (ongoing && !badge) {
      badge = document.createElement("span");
      badge.className = "iassist-badge iassist-ongoing";
      badge.textContent = label;
      var place = event.querySelector(".iassist-event-meta, td.iassist-event-title") || event;
      place.appendChild(document.createTextNode(" "));
      place.appendChild(badge);
    } else if (!ongoing && badge) {
      badge.parentNode.removeChild(badge);
    }
  }

  function group(list, key) {
    var section = list.querySelector('.iassist-event-group[data-iassist-group="' + key + '"]');
    if (section) { return section; }
    // Make the missing group from the other one's shape, emptied.
    var model = list.querySelector(".iassist-event-group");
    if (!model) { return null; }
    section = model.cloneNode(true);
    section.setAttribute("data-iassist-group", key);
    section.className = "iassist-event-group iassist-group-" + key;
    var title = section.querySelector(".iassist-event-group-title");
    if (title) {
      title.textContent = list.getAttribute("data-iassist-label-" + key) || key;
      title.removeAttribute("id");
    }
    var box = section.querySelector(CONTAINERS);
    while (box && box.firstChild) { box.removeChild(box.firstChild); }
    if (key === "forthcoming") { list.insertBefore(section, list.querySelector(".iassist-event-group")); }
    else { list.insertBefore(section, list.querySelector(".iassist-empty, .iassist-as-of")); }
    return section;
  }

  function regroup(list, now) {
    var label = list.getAttribute("data-iassist-label-ongoing") || "";
    var byWhen = list.getAttribute("data-iassist-group-by") === "when";
    var when = list.getAttribute("data-iassist-when") || "all";
    var order = list.getAttribute("data-iassist-order") || "auto";
    var events = Array.prototype.slice.call(list.querySelectorAll(".iassist-event"));
    var moved = { forthcoming: [], completed: [] };
    function descending(key) {
      return order === "desc" || (order === "auto" && key === "completed");
    }
    var previous = {}; // the start of the last readable event of each built group
    events.forEach(function (event) {
      var s = state(event, now);
      var built = builtGroup(event);
      if (!s) {
        // Left as built: in its group, right after the event it follows there.
        if (byWhen && moved[built]) {
          var first = descending(built) ? Infinity : -Infinity;
          moved[built].push({ node: event, start: built in previous ? previous[built] : first });
        }
        return;
      }
      previous[built] = s.start;
      setOngoing(event, s.ongoing, label);
      if (when === "upcoming") { event.hidden = s.over; }
      if (byWhen) { moved[s.over ? "completed" : "forthcoming"].push({ node: event, start: s.start }); }
    });
    if (!byWhen) { return; }
    ["forthcoming", "completed"].forEach(function (key) {
      var items = moved[key];
      var section = list.querySelector('.iassist-event-group[data-iassist-group="' + key + '"]');
      if (!items.length) { if (section) { section.hidden = true; } return; }
      section = group(list, key);
      if (!section) { return; }
      section.hidden = false;
      var box = section.querySelector(CONTAINERS);
      var down = descending(key);
      // a stable sort: events left as built keep their place after the event they follow
      items.sort(function (a, b) {
        if (a.start === b.start) { return 0; }
        return (down ? b.start > a.start : a.start > b.start) ? 1 : -1;
      });
      items.forEach(function (item) { box.appendChild(item.node); });
    });
  }

  // A notice shows from its :from: day through its :expires: day (YYYY-MM-DD strings
  // compare as dates).
  function noticesOnDay(today) {
    var notices = document.querySelectorAll(
      ".iassist-notice[data-iassist-expires]:not([data-iassist-pinned])," +
      ".iassist-notice[data-iassist-from]:not([data-iassist-pinned])");
    Array.prototype.forEach.call(notices, function (notice) {
      var expires = notice.getAttribute("data-iassist-expires");
      var from = notice.getAttribute("data-iassist-from");
      notice.hidden = Boolean((expires && expires < today) || (from && from > today));
    });
  }

  function asOf(list, now, today) {
    // The list now shows the reader's day: say so in the "as of" line.
    var time = list.querySelector(".iassist-as-of time");
    if (!time || list.getAttribute("data-iassist-today") === today) { return; }
    time.setAttribute("datetime", today);
    try {
      var lang = document.documentElement.lang || undefined;
      time.textContent = new Intl.DateTimeFormat(lang, { dateStyle: "medium" }).format(now);
    } catch (e) {
      time.textContent = today;
    }
  }

  function localTimes() {
    // :timezone: local — timed ranges in the reader's own zone, in the page's language.
    var spans = document.querySelectorAll(".iassist-event-date[data-iassist-local-time]");
    Array.prototype.forEach.call(spans, function (span) {
      var times = span.querySelectorAll("time");
      if (!times.length || !window.Intl || !Intl.DateTimeFormat.prototype.formatRange) { return; }
      var start = instant(times[0], "datetime");
      var end = instant(times[times.length - 1], "datetime");
      if (start === null || end === null) { return; } // unreadable: the build's text stays
      var text;
      try {
        text = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
          year: "numeric", month: "short", day: "numeric",
          hour: "numeric", minute: "2-digit", timeZoneName: "short"
        }).formatRange(start, end);
      } catch (e) {
        return;
      }
      var first = document.createElement("time");
      first.setAttribute("datetime", times[0].getAttribute("datetime"));
      first.textContent = text;
      var last = document.createElement("time");
      last.setAttribute("datetime", times[times.length - 1].getAttribute("datetime"));
      while (span.firstChild) { span.removeChild(span.firstChild); }
      span.appendChild(first);
      span.appendChild(last);
    });
  }

  // Sessions of a programme under way by the reader's clock get .iassist-now and a label;
  // a schedule built for a date set in conf.py (data-iassist-pinned) stays as built.
  function markSessionsNow(now) {
    var schedules = document.querySelectorAll(".iassist-schedule:not([data-iassist-pinned])");
    Array.prototype.forEach.call(schedules, function (schedule) {
      var label = schedule.getAttribute("data-iassist-label-now") || "";
      var sessions = schedule.querySelectorAll(".iassist-session");
      Array.prototype.forEach.call(sessions, function (session) {
        var timed = session.querySelector("[data-iassist-start][data-iassist-end]");
        if (!timed) { return; }
        var start = instant(timed, "data-iassist-start");
        var end = instant(timed, "data-iassist-end");
        if (start === null || end === null) { return; }
        var under = start <= now && now < end;
        session.classList.toggle("iassist-now", under);
        var badge = session.querySelector(".iassist-now-label");
        if (under && !badge) {
          badge = document.createElement("span");
          badge.className = "iassist-now-label";
          badge.textContent = label;
          var title = session.querySelector(".iassist-session-title");
          if (title) { title.appendChild(document.createTextNode(" ")); title.appendChild(badge); }
        } else if (!under && badge) {
          badge.parentNode.removeChild(badge);
        }
      });
    });
  }

  function run() {
    localTimes();
    var now = new Date();
    var today = localDate(now);
    // a list built for a date set in conf.py (iassist_today) stays as built
    var lists = document.querySelectorAll(".iassist-event-list:not([data-iassist-pinned])");
    Array.prototype.forEach.call(lists, function (list) {
      regroup(list, now.getTime());
      asOf(list, now, today);
    });
    noticesOnDay(today);
    markSessionsNow(now.getTime());
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); }
  else { run(); }
})();
