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
    var series = event.querySelector("[data-iassist-occurrences]");
    if (series) { return seriesState(series, now); }
    var start = instant(event, "data-iassist-start");
    var end = instant(event, "data-iassist-end");
    if (start === null || end === null) { return null; }
    return { start: start, over: now >= end, ongoing: now >= start && now < end };
  }

  // A recurring event's upcoming occurrences, written at build time (data-iassist-occurrences:
  // "start/end start/end …" in UTC); null when one cannot be read.
  function occurrences(series) {
    var pairs = (series.getAttribute("data-iassist-occurrences") || "").split(" ");
    var found = [];
    for (var i = 0; i < pairs.length; i++) {
      var parts = pairs[i].split("/");
      var start = Date.parse(parts[0]), end = Date.parse(parts[1] || "");
      if (isNaN(start) || isNaN(end)) { return null; }
      found.push({ start: start, end: end, text: parts });
    }
    return found;
  }

  // The occurrence under way or next at `now`; null when none of those listed is left, and
  // undefined when that cannot be told (unreadable, or the series goes on past the list).
  function nextOccurrence(series, now) {
    var found = occurrences(series);
    if (!found) { return undefined; }
    for (var i = 0; i < found.length; i++) {
      if (now < found[i].end) { return found[i]; }
    }
    return series.hasAttribute("data-iassist-last") ? null : undefined;
  }

  function seriesState(series, now) {
    var next = nextOccurrence(series, now);
    if (next === undefined) { return null; }
    if (next === null) {
      var found = occurrences(series);
      return { start: found[found.length - 1].start, over: true, ongoing: false };
    }
    return { start: next.start, over: false, ongoing: now >= next.start };
  }

  function builtGroup(event) {
    var section = event.closest(".iassist-event-group");
    return section ? section.getAttribute("data-iassist-group") : null;
  }

  // Show (after a space, at the end of `place`) or remove the label `badge` of `host`:
  // one element with the classes `classes`, by which it is found again.
  function toggleLabel(host, shown, classes, label, place) {
    var badge = host.querySelector("." + classes.split(" ").join("."));
    if (shown && !badge && place) {
      badge = document.createElement("span");
      badge.className = classes;
      badge.textContent = label;
      place.appendChild(document.createTextNode(" "));
      place.appendChild(badge);
    } else if (!shown && badge) {
      badge.parentNode.removeChild(badge);
    }
  }

  function setOngoing(event, ongoing, label) {
    event.classList.toggle("iassist-event-ongoing", ongoing);
    var place = event.querySelector(".iassist-event-meta, td.iassist-event-title") || event;
    toggleLabel(event, ongoing, "iassist-badge iassist-ongoing", label, place);
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

  // A recurring event's "next: …" shows the occurrence under way or next by the reader's
  // clock: its dates in the event's own zone and language, its instants for the reader's own
  // time. Pages built for a date set in conf.py (data-iassist-pinned) stay as built.
  function updateNext(now) {
    if (!window.Intl || !Intl.DateTimeFormat.prototype.formatRange) { return; }
    var lang = document.documentElement.lang || undefined;
    var all = document.querySelectorAll(".iassist-next[data-iassist-occurrences]:not([data-iassist-pinned])");
    Array.prototype.forEach.call(all, function (series) {
      if (series.closest(".iassist-event-list[data-iassist-pinned]")) { return; }
      var next = nextOccurrence(series, now);
      var span = series.querySelector(".iassist-event-date");
      if (!next || !span) { return; }
      var first = span.querySelector("time");
      if (first && instant(first, "datetime") === next.start) { return; } // as built
      var zone = series.getAttribute("data-iassist-occurrence-zone") || undefined;
      var allDay = series.hasAttribute("data-iassist-all-day");
      var options = allDay ? { dateStyle: "medium", timeZone: zone }
        : { year: "numeric", month: "short", day: "numeric", hour: "numeric",
            minute: "2-digit", timeZone: zone, timeZoneName: "short" };
      var text;
      try {
        // an all-day occurrence ends at midnight after its last day: show that last day
        text = new Intl.DateTimeFormat(lang, options).formatRange(
          next.start, allDay ? Math.max(next.start, next.end - 1) : next.end);
      } catch (e) {
        return;
      }
      var time = document.createElement("time");
      time.setAttribute("datetime", next.text[0]);
      time.textContent = text;
      while (span.firstChild) { span.removeChild(span.firstChild); }
      span.appendChild(time);
      if (span.hasAttribute("data-iassist-start")) {
        span.setAttribute("data-iassist-start", next.text[0]);
        span.setAttribute("data-iassist-end", next.text[1]);
      }
    });
  }

  function hideOverCalendarMenus(now) {
    // "Add to calendar" is for events still to come: hide the menu once the reader's clock
    // passes the event's end (never on a page built for a date set in conf.py).
    var menus = document.querySelectorAll(".iassist-add-to-calendar[data-iassist-end]");
    Array.prototype.forEach.call(menus, function (menu) {
      if (menu.closest("[data-iassist-pinned]")) { return; }
      var end = instant(menu, "data-iassist-end");
      if (end !== null) { menu.hidden = now >= end; }
    });
  }

  function copyButtons() {
    // calendar-subscribe: a button that copies the box's calendar address (as the browser
    // resolves it: absolute even when the page links it relatively). Shown only where the
    // browser can copy; without it the address stays a link whose text can be selected.
    if (!navigator.clipboard || !navigator.clipboard.writeText) { return; }
    var buttons = document.querySelectorAll(".iassist-subscribe button.iassist-copy");
    Array.prototype.forEach.call(buttons, function (button) {
      var box = button.closest(".iassist-subscribe");
      var link = box && box.querySelector("a.iassist-subscribe-url");
      var status = box && box.querySelector(".iassist-copy-status");
      if (!link) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(link.href).then(function () {
          if (status) { status.textContent = button.getAttribute("data-iassist-label-copied") || ""; }
        }, function () {
          if (status) { status.textContent = ""; }
        });
      });
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
        var title = session.querySelector(".iassist-session-title");
        toggleLabel(session, under, "iassist-now-label", label, title);
      });
    });
  }

  // -- windows and deadlines: days counted in the deadline's own zone -------------------

  var DAY = 86400000;
  var HOUR = 3600000;

  // The calendar day (YYYY-MM-DD) of the instant `now` in the IANA zone `zone`.
  function dayIn(now, zone) {
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-US", {
        timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
      }).formatToParts(new Date(now)).forEach(function (p) { parts[p.type] = p.value; });
      return parts.year + "-" + parts.month + "-" + parts.day;
    } catch (e) {
      return null;
    }
  }

  function daysBetween(from, to) {
    return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / DAY);
  }

  // "closes in 3 days" / "in 5 hours" / "today" from the words of `holder`
  // (data-iassist-label-*), or null when the moment is past or (limit) too far away.
  function timeLeft(holder, at, day, zone, now, limit) {
    var left = at - now;
    var today = dayIn(now, zone);
    if (left <= 0 || today === null) { return null; }
    var rules = null;
    try { rules = new Intl.PluralRules(document.documentElement.lang || undefined); }
    catch (e) { rules = null; }
    function words(unit, n) {
      var form = rules && rules.select(n) === "one" ? "one" : "other";
      if (!rules) { form = n === 1 ? "one" : "other"; }
      var text = holder.getAttribute("data-iassist-label-" + unit + "-" + form);
      return text === null ? null : text.replace("{n}", String(n));
    }
    if (left < DAY) { return words("hours", Math.ceil(left / HOUR)); }
    var days = Math.max(daysBetween(today, day), 0);
    if (limit && days >= limit) { return null; }
    return days === 0 ? holder.getAttribute("data-iassist-label-today") : words("days", days);
  }

  function windowState(action, now) {
    var opens = instant(action, "data-iassist-opens");
    var closes = instant(action, "data-iassist-closes");
    if (opens !== null && now < opens) { return "upcoming"; }
    if (closes !== null && now >= closes) { return "closed"; }
    return "open";
  }

  // A registration or CfP button: a link while its window is open, else no link
  // (aria-disabled) saying why; the countdown under two weeks.
  function switchWindows(now) {
    var actions = document.querySelectorAll(
      ".iassist-action[data-iassist-window]:not([data-iassist-pinned])");
    Array.prototype.forEach.call(actions, function (action) {
      var link = action.querySelector("a");
      if (!link) { return; }
      var built = action.getAttribute("data-iassist-window");
      var state = windowState(action, now);
      var label = action.getAttribute("data-iassist-label-" + state);
      if (state !== built && label !== null) {
        var url = link.getAttribute("href") || link.getAttribute("data-iassist-href");
        link.classList.remove("iassist-window-" + built);
        link.classList.add("iassist-window-" + state);
        if (state === "open") {
          link.setAttribute("href", url);
          link.removeAttribute("aria-disabled");
          link.classList.add("reference", "external");
        } else {
          link.removeAttribute("href");
          link.setAttribute("data-iassist-href", url);
          link.setAttribute("aria-disabled", "true");
          link.classList.remove("reference", "external");
        }
        link.textContent = label;
        action.setAttribute("data-iassist-window", state);
      }
      var closes = instant(action, "data-iassist-closes");
      var text = state === "open" && closes !== null ? timeLeft(action, closes,
        action.getAttribute("data-iassist-day"), action.getAttribute("data-iassist-zone"),
        now, 14) : null;
      var shown = action.querySelector(".iassist-countdown");
      if (text === null) {
        if (shown) { shown.parentNode.removeChild(shown); }
        return;
      }
      if (!shown) {
        shown = document.createElement("span");
        shown.className = "iassist-countdown";
        action.appendChild(document.createTextNode(" "));
        action.appendChild(shown);
      }
      shown.textContent = text;
    });
  }

  // A deadline list: each deadline's distance; passed ones under Passed (:when: all) or
  // out; the empty line when none is left.
  function moveDeadlines(now) {
    var lists = document.querySelectorAll(".iassist-deadline-list:not([data-iassist-pinned])");
    Array.prototype.forEach.call(lists, function (list) {
      var upcoming = list.querySelector(":scope > ul.iassist-deadlines");
      var group = list.querySelector(":scope > .iassist-group-passed");
      var passedList = group && group.querySelector("ul.iassist-deadlines");
      var keep = list.getAttribute("data-iassist-when") === "all" && passedList;
      var items = list.querySelectorAll("li.iassist-deadline");
      var moved = [];
      var left = 0;
      Array.prototype.forEach.call(items, function (item) {
        var at = instant(item, "data-iassist-at");
        if (at === null) { left += 1; return; }
        var distance = item.querySelector(".iassist-distance");
        var text = timeLeft(list, at, item.getAttribute("data-iassist-day"),
          item.getAttribute("data-iassist-zone"), now, 0);
        if (text !== null) {
          if (distance) { distance.textContent = text; }
          left += 1;
          return;
        }
        if (distance) { distance.textContent = list.getAttribute("data-iassist-label-passed"); }
        item.classList.add("iassist-deadline-passed");
        if (keep) {
          if (item.parentNode !== passedList) { moved.push(item); }
        } else {
          item.hidden = true;
        }
      });
      // the latest first under Passed, before those passed at build time
      moved.reverse().forEach(function (item, i) {
        passedList.insertBefore(item, i === 0 ? passedList.firstChild : moved[i - 1].nextSibling);
      });
      if (group && passedList.children.length) { group.hidden = false; }
      var empty = list.querySelector(":scope > .iassist-empty");
      if (empty) { empty.hidden = left > 0 || Boolean(keep && passedList.children.length); }
    });
  }

  // An event page's deadlines: each one's distance by the reader's clock, in the words of
  // a deadline list ("in 3 days", "in 5 hours", "passed"); the entries stay in their order.
  function moveDetailDeadlines(now) {
    var boxes = document.querySelectorAll(".iassist-event-detail div.iassist-deadlines" +
      "[data-iassist-label-passed]:not([data-iassist-pinned])");
    Array.prototype.forEach.call(boxes, function (box) {
      var items = box.querySelectorAll("li.iassist-deadline");
      Array.prototype.forEach.call(items, function (item) {
        var at = instant(item, "data-iassist-at");
        var words = item.querySelector(".iassist-distance-text");
        if (at === null || !words) { return; }
        var text = timeLeft(box, at, item.getAttribute("data-iassist-day"),
          item.getAttribute("data-iassist-zone"), now, 0);
        if (text === null) {
          if (at > now) { return; }  // a zone this browser does not know: as built
          text = box.getAttribute("data-iassist-label-passed");
          item.classList.add("iassist-deadline-passed");
        }
        words.textContent = text;
      });
    });
  }

  // Minutes east of UTC of `zone` at `when` (ms), from Intl's wall clock there; null when
  // the browser does not know the zone.
  function zoneOffset(zone, when) {
    var parts;
    try {
      parts = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", second: "numeric"
      }).formatToParts(new Date(when));
    } catch (e) {
      return null;
    }
    var at = {};
    parts.forEach(function (part) { at[part.type] = parseInt(part.value, 10); });
    var wall = Date.UTC(at.year, at.month - 1, at.day, at.hour % 24, at.minute, at.second);
    return Math.round((wall - Math.floor(when / 1000) * 1000) / 60000);
  }

  function localDay(when) {
    var d = new Date(when);
    return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
  }

  function zoneDay(when, offset) {
    var d = new Date(when + offset * 60000);
    return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  }

  var BLOCKS = /^(P|DIV|LI|TD|DD)$/;

  // "(08:00–10:00 your time)": data-iassist-label-local is the whole text, translated, with
  // %s for the range; data-iassist-label-local-time (a programme's) the words after it.
  function localLabel(element, range) {
    var pattern = element.getAttribute("data-iassist-label-local");
    if (pattern) { return pattern.replace("%s", range); }
    var words = element.getAttribute("data-iassist-label-local-time");
    return "(" + range + (words ? " " + words : "") + ")";
  }

  function readerLocalTime() {
    // Beside each timed range shown in its own zone ([data-iassist-zone]), the reader's own
    // time, "(08:00–10:00 your time)", when the reader's zone differs at those instants.
    // The event's own time is never replaced. Pages pinned to iassist_today stay as built.
    if (!window.Intl || !Intl.DateTimeFormat.prototype.formatRange) { return; }
    var lang = document.documentElement.lang || undefined;
    var shown = document.querySelectorAll("[data-iassist-zone][data-iassist-start][data-iassist-end]");
    Array.prototype.forEach.call(shown, function (element) {
      if (element.closest("[data-iassist-pinned]")) { return; }
      // in a block of its own (a programme's time line) the reader's time goes inside it,
      // else (a date range in a line of text) right after it
      var inside = BLOCKS.test(element.tagName);
      var next = inside ? element.lastElementChild : element.nextElementSibling;
      if (next && next.classList.contains("iassist-local-time")) { return; }
      var start = instant(element, "data-iassist-start");
      var end = instant(element, "data-iassist-end");
      if (start === null || end === null) { return; }
      var zone = element.getAttribute("data-iassist-zone");
      var there = [zoneOffset(zone, start), zoneOffset(zone, end)];
      if (there[0] === null || there[1] === null) { return; }
      var here = [-new Date(start).getTimezoneOffset(), -new Date(end).getTimezoneOffset()];
      if (there[0] === here[0] && there[1] === here[1]) { return; }
      // the reader's day may not be the event's: then the range says its dates
      var sameDay = localDay(start) === zoneDay(start, there[0]) &&
        localDay(start) === localDay(end - 1);
      var options = { hour: "numeric", minute: "2-digit" };
      if (!sameDay) { options.month = "short"; options.day = "numeric"; }
      var range;
      try {
        range = new Intl.DateTimeFormat(lang, options).formatRange(start, end);
      } catch (e) {
        return;
      }
      var local = document.createElement("span");
      local.className = "iassist-local-time";
      local.textContent = " " + localLabel(element, range);
      if (inside) { element.appendChild(local); }
      else { element.parentNode.insertBefore(local, element.nextSibling); }
    });
  }

  function run() {
    localTimes();
    var now = new Date();
    updateNext(now.getTime());
    var today = localDate(now);
    // a list built for a date set in conf.py (iassist_today) stays as built
    var lists = document.querySelectorAll(".iassist-event-list:not([data-iassist-pinned])");
    Array.prototype.forEach.call(lists, function (list) {
      regroup(list, now.getTime());
      asOf(list, now, today);
    });
    noticesOnDay(today);
    switchWindows(now.getTime());
    moveDeadlines(now.getTime());
    moveDetailDeadlines(now.getTime());
    hideOverCalendarMenus(now.getTime());
    copyButtons();
    readerLocalTime();
    markSessionsNow(now.getTime());
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); }
  else { run(); }
})();
