namespace SchemaAudit.Reporting.Html;

/// <summary>
/// The page's behaviour, plain JavaScript with no library: filtering findings by severity, rule,
/// file and table (clicking a table in the diagram), zoom, and the cascade blast-radius view, whose
/// data the reporter computed and embedded as JSON. Whatever the schema's size, only what is on
/// screen is laid out: the findings that match, a page at a time as the list is scrolled, and one
/// subject area of the diagram (the one holding the chosen table).
/// </summary>
internal static class HtmlScript
{
    public const string Js = """
        (function () {
          'use strict';
          var data = JSON.parse(document.getElementById('report-data').textContent);
          var findings = [];
          Array.prototype.forEach.call(document.querySelectorAll('template.finding-page'), function (page) {
            Array.prototype.push.apply(findings, Array.prototype.slice.call(page.content.querySelectorAll('.finding[data-severity]')));
          });
          var findingList = document.getElementById('finding-list');
          var findingMore = document.getElementById('finding-more');
          var pageSize = 100, matches = [], shownUpTo = 0;
          var diagram = document.getElementById('diagram');
          var areaTemplates = document.querySelectorAll('template.diagram-area');
          var areaSelect = document.getElementById('diagram-area');
          var currentArea = -1, tables = [], edges = [];
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
            var rule = ruleSelect.value, file = fileSelect.value;
            matches = findings.filter(function (f) {
              return severities[f.dataset.severity] === true
                && (!rule || f.dataset.rule === rule)
                && (!file || f.dataset.file === file)
                && (!state.table || f.dataset.table === state.table);
            });
            while (findingList.firstChild) findingList.removeChild(findingList.firstChild);
            shownUpTo = 0;
            showMoreFindings();
            shownCount.textContent = matches.length + ' of ' + findings.length + ' findings shown';
            tableChip.hidden = !state.table;
            tableName.textContent = state.table;
            tables.forEach(function (t) { t.classList.toggle('selected', t.dataset.table === state.table); });
            edges.forEach(function (e) {
              var from = document.getElementById(e.dataset.from), to = document.getElementById(e.dataset.to);
              e.classList.toggle('active', !!state.table && ((from && from.dataset.table === state.table) || (to && to.dataset.table === state.table)));
            });
          }

          // The next page of matching findings, moved out of their template into the list.
          function showMoreFindings() {
            var end = Math.min(matches.length, shownUpTo + pageSize), page = document.createDocumentFragment();
            for (var i = shownUpTo; i < end; i++) page.appendChild(matches[i]);
            findingList.appendChild(page);
            shownUpTo = end;
            findingMore.hidden = shownUpTo >= matches.length;
          }
          if ('IntersectionObserver' in window) {
            new IntersectionObserver(function (entries) {
              if (entries.some(function (e) { return e.isIntersecting; }) && shownUpTo < matches.length) showMoreFindings();
            }, { rootMargin: '600px' }).observe(findingMore);
          }
          findingMore.addEventListener('click', showMoreFindings);

          // One subject area of the diagram at a time, cloned from its template.
          function showArea(index) {
            if (index === currentArea || !areaTemplates[index]) return;
            currentArea = index;
            while (diagram.firstChild) diagram.removeChild(diagram.firstChild);
            diagram.appendChild(areaTemplates[index].content.cloneNode(true));
            tables = Array.prototype.slice.call(diagram.querySelectorAll('.er-table'));
            edges = Array.prototype.slice.call(diagram.querySelectorAll('.er-edge'));
            if (areaSelect) areaSelect.value = String(index);
          }
          function showAreaOf(tableId) {
            var index = data.area[Number(tableId.replace('table-', ''))];
            if (index !== undefined) showArea(index);
          }
          if (areaSelect) areaSelect.addEventListener('change', function () { showArea(Number(areaSelect.value)); apply(); showBlast(); });
          diagram.addEventListener('click', function (e) {
            var t = e.target.closest && e.target.closest('.er-table');
            if (t) selectTable(t.dataset.table);
          });
          diagram.addEventListener('keydown', function (e) {
            var t = e.target.closest && e.target.closest('.er-table');
            if (t && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); selectTable(t.dataset.table); }
          });

          function selectTable(key) {
            state.table = state.table === key ? '' : key;
            apply();
            if (state.table) document.getElementById('findings').scrollIntoView({ block: 'start' });
          }

          severityBoxes.forEach(function (box) { box.addEventListener('change', apply); });
          ruleSelect.addEventListener('change', apply);
          fileSelect.addEventListener('change', apply);
          document.getElementById('clear-table').addEventListener('click', function () { state.table = ''; apply(); });

          document.getElementById('zoom-fit').addEventListener('click', function () { diagram.classList.add('fit'); });
          document.getElementById('zoom-full').addEventListener('click', function () { diagram.classList.remove('fit'); });

          var blastSelect = document.getElementById('blast-table');
          var blastResult = document.getElementById('blast-result');
          function showBlast() {
            tables.forEach(function (t) { t.classList.remove('blast-origin', 'blast-deleted', 'blast-nulled'); });
            while (blastResult.firstChild) blastResult.removeChild(blastResult.firstChild);
            var id = blastSelect.value;
            if (!id) return;
            showAreaOf(id);
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
          blastSelect.addEventListener('change', function () { showBlast(); apply(); });
          showArea(0);
          apply();
          showBlast();
        })();
        """;
}
