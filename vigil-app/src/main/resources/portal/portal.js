// Vigil portal: draws the charts (uPlot) and wires the small interactions htmx does not cover.
// Every chart keeps the JSON it drew in `element.vigilData`, and says how many entries it drew in
// data attributes, so that what the page shows can be checked against what the API answers.
(function () {
  'use strict';

  const HEIGHT = 300;
  const COLORS = {
    score: '#0f4c5c',
    band: 'rgba(15, 76, 92, 0.14)',
    min: 'rgba(15, 76, 92, 0.35)',
    threshold: '#b23a48',
    anomaly: 'rgba(178, 58, 72, 0.16)',
    label: 'rgba(46, 139, 87, 0.18)',
    model: '#6b5b95',
  };

  function utc(seconds) {
    return uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');
  }

  // Times on the x axis in UTC, 24-hour: dates when the ticks are days apart, times otherwise.
  function timeLabels(u, splits, axisIndex, space, increment) {
    const span = u.scales.x.max - u.scales.x.min;
    return splits.map((split) => {
      const iso = new Date(split * 1000).toISOString();
      if (increment >= 86400) {
        return iso.slice(5, 10);
      }
      return span > 86400 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
    });
  }

  function seconds(iso) {
    return Date.parse(iso) / 1000;
  }

  function shade(u, ranges, color, minWidth) {
    const ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = color;
    for (const range of ranges) {
      let x0 = u.valToPos(seconds(range.start), 'x', true);
      let x1 = u.valToPos(seconds(range.end), 'x', true);
      if (x1 - x0 < minWidth) {
        const middle = (x0 + x1) / 2;
        x0 = middle - minWidth / 2;
        x1 = middle + minWidth / 2;
      }
      const left = Math.max(x0, u.bbox.left);
      const right = Math.min(x1, u.bbox.left + u.bbox.width);
      if (right > left) {
        ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
      }
    }
    ctx.restore();
  }

  function modelMarks(u, parts) {
    if (!parts || parts.length < 2) {
      return;
    }
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = COLORS.model;
    ctx.fillStyle = COLORS.model;
    ctx.setLineDash([4, 4]);
    ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    for (let i = 0; i < parts.length; i++) {
      const x = u.valToPos(seconds(parts[i].start), 'x', true);
      if (i > 0 && x >= u.bbox.left && x <= u.bbox.left + u.bbox.width) {
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
      const labelX = Math.max(x, u.bbox.left) + 4 * devicePixelRatio;
      ctx.fillText(`${parts[i].modelName} v${parts[i].modelVersion}`, labelX, u.bbox.top + 4 * devicePixelRatio);
    }
    ctx.restore();
  }

  function draw(element, data, options) {
    const series = data.series;
    const threshold = series.time.map(() => data.threshold);
    element.innerHTML = '';
    const plot = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: HEIGHT,
        tzDate: utc,
        scales: { x: { time: true }, y: { range: [0, 1] } },
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 7 } },
        series: [
          {},
          { label: 'largest', stroke: COLORS.score, width: 1.5 },
          { label: 'smallest', stroke: COLORS.min, width: 1 },
          { label: 'threshold', stroke: COLORS.threshold, width: 1.25, dash: [6, 4], points: { show: false } },
        ],
        bands: [{ series: [1, 2], fill: COLORS.band }],
        axes: [{ values: timeLabels }, { values: (u, values) => values.map((v) => v.toFixed(1)) }],
        hooks: {
          drawClear: [
            (u) => {
              if (options.labels) {
                shade(u, options.labels, COLORS.label, 2);
              }
              shade(u, data.anomalies || [], COLORS.anomaly, 2);
            },
          ],
          draw: [(u) => modelMarks(u, data.models)],
        },
      },
      [series.time, series.max, series.min, threshold],
      element
    );
    element.vigilPlot = plot;
    return plot;
  }

  function failed(element, message) {
    element.dataset.state = 'error';
    element.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'field-error';
    p.textContent = message;
    element.appendChild(p);
  }

  async function load(element, url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const data = await response.json();
    if (!response.ok) {
      throw new Error(data.error ? data.error.message : `HTTP ${response.status}`);
    }
    return data;
  }

  function describe(element, data) {
    element.vigilData = data;
    element.dataset.dataPoints = data.dataPoints;
    element.dataset.entries = data.series ? data.series.time.length : 0;
    element.dataset.threshold = data.threshold;
    element.dataset.anomalies = data.anomalies ? data.anomalies.length : 0;
    element.dataset.loadedAfterMs = Math.round(performance.now());
    element.dataset.state = 'loaded';
  }

  async function scoreChart(element) {
    let data;
    try {
      data = await load(element, element.dataset.scoreChart);
    } catch (error) {
      failed(element, `The chart could not be loaded: ${error.message}`);
      return;
    }
    if (data.dataPoints === 0) {
      describe(element, data);
      element.innerHTML = '<p class="empty">No result in this range yet.</p>';
      return;
    }
    const plot = draw(element, data, {});
    describe(element, data);
    plot.over.addEventListener('click', () => {
      const index = plot.cursor.idx;
      if (index == null) {
        return;
      }
      const at = data.series.peakAt[index];
      if (at == null) {
        return;
      }
      const iso = new Date(at).toISOString();
      element.dataset.selectedAt = iso;
      htmx.ajax('GET', `${element.dataset.contributions}?at=${encodeURIComponent(iso)}`, {
        target: '#contributions',
        swap: 'innerHTML',
      });
    });
  }

  async function evaluationChart(element) {
    let data;
    try {
      data = await load(element, element.dataset.evaluationChart);
    } catch (error) {
      failed(element, `The evaluation could not be scored: ${error.message}`);
      return;
    }
    if (data.dataPoints === 0) {
      describe(element, data);
      element.innerHTML = '<p class="empty">No row in the evaluation range.</p>';
      return;
    }
    draw(element, data, { labels: data.labels || [] });
    describe(element, data);
    element.dataset.anomalousRows = data.anomalousRows;
  }

  // A hook is a webhook or an email: show the fields of the kind chosen.
  function hookKinds(root) {
    root.querySelectorAll('input[name="hook.type"]').forEach((radio) => {
      const container = radio.closest('form, details, .hook-form') || document;
      const update = () => {
        const chosen = container.querySelector('input[name="hook.type"]:checked');
        container.querySelectorAll('.hook-kind').forEach((section) => {
          section.hidden = chosen ? !section.classList.contains(chosen.value) : false;
        });
      };
      radio.addEventListener('change', update);
      update();
    });
  }

  // Alert settings switched off: dim them (they are not sent to the service then).
  function alertSwitch(root) {
    const box = root.querySelector('#f-alert-enabled');
    if (!box) {
      return;
    }
    const fieldset = box.closest('fieldset');
    const update = () => fieldset.classList.toggle('off', !box.checked);
    box.addEventListener('change', update);
    update();
  }

  function init(root) {
    root.querySelectorAll('[data-score-chart]').forEach((element) => {
      if (!element.dataset.state) {
        element.dataset.state = 'loading';
        scoreChart(element);
      }
    });
    root.querySelectorAll('[data-evaluation-chart]').forEach((element) => {
      if (!element.dataset.state) {
        element.dataset.state = 'loading';
        evaluationChart(element);
      }
    });
    hookKinds(root);
    alertSwitch(root);
  }

  let resizing = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      document.querySelectorAll('[data-state="loaded"]').forEach((element) => {
        if (element.vigilPlot) {
          element.vigilPlot.setSize({ width: Math.max(280, element.clientWidth), height: HEIGHT });
        }
      });
    }, 150);
  });

  document.addEventListener('DOMContentLoaded', () => init(document));
  document.addEventListener('htmx:afterSettle', (event) => init(event.target));
})();
