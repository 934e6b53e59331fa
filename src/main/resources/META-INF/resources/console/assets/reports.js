// Reports page: draws each figure's chart from the JSON in #report-data (ECharts, served from the app's own jar).
(function () {
  'use strict';
  function start() {
    var el = document.getElementById('report-data');
    if (!el || typeof echarts === 'undefined') { return; }
    var data = JSON.parse(el.textContent);
    var s = data.summary, L = data.labels;
    var font = { fontFamily: 'system-ui, "Noto Sans Arabic", "DejaVu Sans", sans-serif' };
    function ch(name) { return L['channel_' + name] || name; }
    function bars(categories, series, horizontal) {
      var cat = { type: 'category', data: categories, axisLabel: { interval: 0, hideOverlap: true } };
      var val = { type: 'value', minInterval: 1 };
      return {
        textStyle: font, tooltip: { trigger: 'axis' }, legend: { top: 0 },
        grid: { left: horizontal ? 90 : 40, right: 16, top: 30, bottom: 30, containLabel: true },
        xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
        series: series.map(function (x) { return { name: x.name, type: 'bar', data: x.data }; })
      };
    }
    function pie(items) {
      return { textStyle: font, tooltip: { trigger: 'item' }, legend: { top: 0 },
        series: [{ type: 'pie', radius: ['35%', '65%'], top: 20, data: items }] };
    }
    function traffic() {
      var buckets = [], inb = {}, out = {};
      s.traffic.forEach(function (t) {
        if (buckets.indexOf(t.bucket) < 0) { buckets.push(t.bucket); }
        inb[t.bucket] = (inb[t.bucket] || 0) + t.inbound;
        out[t.bucket] = (out[t.bucket] || 0) + t.outbound;
      });
      var o = bars(buckets.map(function (b) { return b.replace('T00:00', ''); }), [
        { name: L.inbound, data: buckets.map(function (b) { return inb[b]; }) },
        { name: L.outbound, data: buckets.map(function (b) { return out[b]; }) }]);
      o.series.forEach(function (x) { x.type = 'line'; x.areaStyle = { opacity: 0.15 }; });
      return o;
    }
    var builders = {
      traffic: traffic,
      channels: function () {
        return bars(s.channels.map(function (c) { return ch(c.channel); }), [
          { name: L.inbound, data: s.channels.map(function (c) { return c.inbound; }) },
          { name: L.outbound, data: s.channels.map(function (c) { return c.outbound; }) }]);
      },
      bot: function () {
        return pie([{ name: L.answeredByBot, value: s.bot.answered }, { name: L.handedToPerson, value: s.bot.handedToPerson }]);
      },
      delivery: function () {
        var o = bars(s.channels.map(function (c) { return ch(c.channel); }), [
          { name: L.successRate, data: s.channels.map(function (c) {
            return c.successRate == null ? null : Math.round(c.successRate * 1000) / 10; }) }]);
        o.yAxis.max = 100; o.yAxis.axisLabel = { formatter: '{value}%' };
        return o;
      },
      errors: function () {
        return bars(s.errors.map(function (e) { return ch(e.channel) + ' ' + e.code; }),
          [{ name: L.count, data: s.errors.map(function (e) { return e.count; }) }], true);
      },
      handoffs: function () {
        var h = s.handoffs;
        function m(x) { return x == null ? null : Math.round(x / 6) / 10; }
        return bars([L.firstResponseP50, L.firstResponseP90], [{ name: L.count,
          data: [m(h.firstResponseP50Seconds), m(h.firstResponseP90Seconds)] }]);
      },
      agents: function () {
        function m(x) { return x == null ? null : Math.round(x / 6) / 10; }
        return bars(s.agents.map(function (a) { return a.agent; }), [
          { name: L.firstResponseP50, data: s.agents.map(function (a) { return m(a.firstResponseP50Seconds); }) },
          { name: L.firstResponseP90, data: s.agents.map(function (a) { return m(a.firstResponseP90Seconds); }) }]);
      },
      cases: function () {
        var items = s.cases.departments.map(function (d) { return { name: d.name, value: d.count }; });
        items.push({ name: L.notFound, value: s.cases.notFound });
        if (s.cases.unavailable) { items.push({ name: L.unavailable, value: s.cases.unavailable }); }
        return pie(items);
      }
    };
    var charts = [];
    document.querySelectorAll('.chart[data-chart]').forEach(function (node) {
      var build = builders[node.getAttribute('data-chart')];
      if (!build) { return; }
      var chart = echarts.init(node, null, { renderer: 'canvas' });
      chart.setOption(build());
      node.setAttribute('data-rendered', 'true');
      charts.push(chart);
    });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
