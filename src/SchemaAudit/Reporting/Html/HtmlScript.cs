namespace SchemaAudit.Reporting.Html;

/// <summary>
/// The page's behaviour, plain JavaScript with no library: filtering findings by severity, rule,
/// file and table (clicking a table in the diagram), zoom, and the cascade blast-radius view, whose
/// data the reporter computed and embedded as JSON.
/// </summary>
internal static class HtmlScript
{
    public const string Js = """
        (function () {
          'use strict';
          var data = JSON.parse(document.getElementById('report-data').textContent);
          var findings = Array.prototype.slice.call(document.querySelectorAll('.finding[data-severity]'));
          var tables = Array.prototype.slice.call(document.querySelectorAll('.er-table'));
          var edges = Array.prototype.slice.call(document.querySelectorAll('.er-edge'));
          var severityBoxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter-severity]'));
          var ruleSelect = document.getElementById('filter-rule');
          var fileSelect = document.getElementById('filter-file');
          var tableChip = document.getElementById('table-chip');
          var tableName = document.getElementById('table-chip-name');
          var shownCount = document.getElementById('shown-count');
          var state = { table: '' };

          function apply() {
            var severities = {};
            severityBoxes.forEach(function (box) { severities[box.value] = box.checked; });
            var rule = ruleSelect.value, file = fileSelect.value, shown = 0;
            findings.forEach(function (f) {
              var visible = severities[f.dataset.severity] === true
                && (!rule || f.dataset.rule === rule)
                && (!file || f.dataset.file === file)
                && (!state.table || f.dataset.table === state.table);
              f.hidden = !visible;
              if (visible) shown++;
            });
            shownCount.textContent = shown + ' of ' + findings.length + ' findings shown';
            tableChip.hidden = !state.table;
            tableName.textContent = state.table;
            tables.forEach(function (t) { t.classList.toggle('selected', t.dataset.table === state.table); });
            edges.forEach(function (e) {
              var from = document.getElementById(e.dataset.from), to = document.getElementById(e.dataset.to);
              e.classList.toggle('active', !!state.table && ((from && from.dataset.table === state.table) || (to && to.dataset.table === state.table)));
            });
          }

          function selectTable(key) {
            state.table = state.table === key ? '' : key;
            apply();
            if (state.table) document.getElementById('findings').scrollIntoView({ block: 'start' });
          }

          severityBoxes.forEach(function (box) { box.addEventListener('change', apply); });
          ruleSelect.addEventListener('change', apply);
          fileSelect.addEventListener('change', apply);
          document.getElementById('clear-table').addEventListener('click', function () { state.table = ''; apply(); });
          tables.forEach(function (t) {
            t.addEventListener('click', function () { selectTable(t.dataset.table); });
            t.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); selectTable(t.dataset.table); } });
          });

          var diagram = document.getElementById('diagram');
          document.getElementById('zoom-fit').addEventListener('click', function () { diagram.classList.add('fit'); });
          document.getElementById('zoom-full').addEventListener('click', function () { diagram.classList.remove('fit'); });

          var blastSelect = document.getElementById('blast-table');
          var blastResult = document.getElementById('blast-result');
          function showBlast() {
            tables.forEach(function (t) { t.classList.remove('blast-origin', 'blast-deleted', 'blast-nulled'); });
            while (blastResult.firstChild) blastResult.removeChild(blastResult.firstChild);
            var id = blastSelect.value;
            if (!id) return;
            var origin = document.getElementById(id);
            if (origin) origin.classList.add('blast-origin');
            var radius = data.cascade[id] || { steps: [], more: false };
            var steps = radius.steps.map(function (s) {
              return { table: 'table-' + s[0], name: data.tables[s[0]], depth: s[1], via: data.via[s[2]], deleted: s[3] === 1 };
            });
            var intro = document.createElement('p');
            var deleted = steps.filter(function (s) { return s.deleted; }).length;
            intro.textContent = steps.length === 0
              ? 'Deleting a row here reaches no other table: no ON DELETE CASCADE or SET NULL foreign key points at it.'
              : 'Deleting a row here deletes rows in ' + deleted + (radius.more ? '+' : '') + ' table(s)' + (steps.length > deleted ? ' and sets references to NULL in ' + (steps.length - deleted) : '') + ':';
            blastResult.appendChild(intro);
            if (steps.length === 0) return;
            var list = document.createElement('ol');
            list.className = 'blast-list';
            steps.forEach(function (s) {
              var node = document.getElementById(s.table);
              if (node) node.classList.add(s.deleted ? 'blast-deleted' : 'blast-nulled');
              var item = document.createElement('li');
              var name = document.createElement('strong');
              name.textContent = s.name;
              item.appendChild(name);
              item.appendChild(document.createTextNode(s.deleted ? ' deleted' : ' reference set to NULL'));
              item.appendChild(document.createTextNode(' (depth ' + s.depth + ') '));
              var via = document.createElement('span');
              via.className = 'via';
              via.textContent = 'via ' + s.via;
              item.appendChild(via);
              list.appendChild(item);
            });
            blastResult.appendChild(list);
            if (radius.more) {
              var more = document.createElement('p');
              more.className = 'empty';
              more.textContent = 'The list stops at ' + steps.length + ' tables; the cascade goes further.';
              blastResult.appendChild(more);
            }
          }
          blastSelect.addEventListener('change', showBlast);
          apply();
          showBlast();
        })();
        """;
}
