/** English messages. Keys are the catalogue; zh must translate every one (type-checked). */
export const en = {
	'app.tagline': 'Customer analytics in your browser — your data never leaves this machine',
	'actions.open': 'Open files…',
	'actions.add': 'Add file…',
	'actions.addHint': 'Add a file to the current data set (e.g. a customers file beside the orders)',
	'actions.sample': 'Sample data',
	'actions.language': 'Language',
	'actions.editMapping': 'Change column mapping',
	'nav.label': 'Sections',
	'drop.release': 'Drop to load your files',
	'empty.title': 'Drop a CSV of orders here',
	'empty.body':
		'Clientele computes RFM segments, cohort retention, lifecycle stages, segment breakdowns, value concentration and purchase cycles from a file of orders — in your browser.',
	'empty.sample': 'Try the sample data',
	'empty.formats':
		'CSV, TSV, semicolon-, pipe- or space-separated text, also packed in .gz or .zip, and Excel .xlsx workbooks; UTF-8, UTF-16 or GBK (Chinese Excel). Optionally add a customers file, or a basket file (one shopping basket per line) for the market-basket analysis.',
	'empty.privacy': 'Private by design: files are read locally, nothing is uploaded.',
	'status.starting': 'Starting the database engine…',
	'status.engineError': 'The database engine could not start: {message}',
	'status.empty': 'No data loaded',
	'status.loading': 'Loading…',
	'status.mapping': 'Waiting for you to confirm the column mapping',
	'status.error': 'The file could not be loaded',
	'status.ready': 'Ready · {loaded} rows loaded · {rejected} rejected',
	'status.ready.one': 'Ready · {loaded} row loaded · {rejected} rejected',
	'status.removed': '{n} duplicates removed',
	'status.removed.one': '{n} duplicate removed',
	'progress.title': 'Loading your data',
	'progress.cancel': 'Cancel',
	'progress.stage.reading': 'Reading the file',
	'progress.stage.transcoding': 'Converting the text encoding',
	'progress.stage.parsing': 'Parsing rows',
	'progress.stage.profiling': 'Profiling columns',
	'progress.stage.building': 'Building orders and customers',
	'error.outOfMemory':
		'The browser ran out of memory for this data. Close other tabs, split the file (for example one year of orders per file) or save it with fewer columns, then try again. The page still works. ({detail})',
	'error.engineCrashed':
		'The data engine stopped (usually for lack of memory) and was restarted; the loaded data is gone. Close other tabs, split the file or save it with fewer columns, then load it again. ({detail})',
	'error.cancelled': 'Loading was cancelled. Nothing was loaded.',
	'error.noOrdersOneColumn':
		'This file has one column only (“{column}”), so there is nothing to map: orders need a customer id, an order date and an amount (or quantity and unit price), each in a column of its own. If its lines hold several values, their separator was not recognised: save the file as CSV with commas or semicolons. Otherwise load the orders file.',
	'error.noOrdersEmpty':
		'No column of this file holds values, so there is nothing to map. Load a file of orders with a customer id, an order date and an amount.',
	'notice.noOrdersFile':
		'Not used now: no orders file is loaded. Choose which file holds the orders below, or drop an orders file.',
	'notice.mappingCancelled':
		'Mapping cancelled: this file was not used, and nothing is loaded (a file replaces the data loaded before it when it is read). Load a file again to continue.',
	'status.waiting': '{loaded} rows loaded · waiting for an orders file',
	'status.waiting.one': '{loaded} row loaded · waiting for an orders file',
	'fileKind.title': 'Your files and what each is used for',
	'fileKind.label': 'Use of {file}',
	'fileKind.kind.orders': 'Orders',
	'fileKind.kind.customers': 'Customers',
	'fileKind.kind.baskets': 'Baskets',
	'fileKind.kind.feedback': 'Feedback',
	'fileKind.kind.unused': 'Not used',
	'fileKind.reason.dates-amounts': 'has dates and amounts',
	'fileKind.reason.dates-quantity-price': 'has dates, quantities and unit prices',
	'fileKind.reason.appended': 'same columns as the file before it: added to its rows',
	'fileKind.reason.guessed':
		'no column name recognised — the roles below are guessed from the values: check them',
	'fileKind.reason.id-attributes': 'one id column and attributes',
	'fileKind.reason.baskets': 'items grouped by basket',
	'fileKind.reason.scores-comments': 'has scores and comments',
	'fileKind.reason.differ': 'a second file of this kind, with other columns',
	'fileKind.reason.second-orders': 'a second orders file',
	'fileKind.reason.unrecognised': 'no customer id, date or amount recognised — map it by hand',
	'fileKind.reason.one-column': 'one column only: nothing to map',
	'fileKind.reason.replaced': 'another file took its place',
	'fileKind.reason.chosen': 'your choice',
	'fileKind.openMapping': 'Map {file} as the orders file',
	'mapping.cancel': 'Cancel',
	'mapping.cancelHint': 'Keep the data set as it was before (or, on a first load, load nothing)',
	'mapping.sheet': 'Sheet of the workbook',
	'mapping.sheetOf': 'Sheet of {file}',
	'error.crossOrigin':
		'{url} is on another site. For privacy this page only loads files from its own origin or from your disk.',
	'loadError.empty': 'The file is empty.',
	'loadError.binary': 'This is not a text file. {detail}',
	'loadError.excel': 'This looks like an Excel workbook. Save it as CSV (UTF-8) and load the CSV.',
	'loadError.encoding': 'The text encoding could not be recognised. {detail}',
	'loadError.quote':
		'A quote opens on line {line} and is never closed, so the {lines} lines after it (to line {last}) would be read as part of one value. Close or remove that quote and load the file again.',
	'loadError.line': 'This is not a table with one record per line. {detail}',
	'notice.customersOnly':
		'This is a customers file. Now add the orders file: drop it here or use Open files…',
	'notice.feedbackOnly':
		'This is a feedback file: its responses are loaded. The analyses need orders — add the orders file: drop it here or use Open files…',
	'notice.ignored': 'Not used (neither orders nor customers): {files}',
	'mapping.title': 'Confirm the column mapping',
	'mapping.intro':
		'We matched the columns of {file} to what the analyses need. Check the guesses and change any that are wrong.',
	'mapping.missing': 'Still needed: {roles}',
	'mapping.role': 'Meaning',
	'mapping.column': 'Column in your file',
	'mapping.examples': 'Examples',
	'mapping.none': '— not in the file —',
	'mapping.required': 'required',
	'mapping.guess': 'guess',
	'mapping.amountHint': 'or quantity × unit price',
	'mapping.dateFormat': 'Date format',
	'mapping.ambiguous':
		'Dates like 01/02/2024 could be 1 February or 2 January. Which order does your file use?',
	'mapping.excelSerial': 'Excel day numbers',
	'mapping.misfit.date':
		'The date format you used last time for files with these columns ({saved}) does not fit this file ({failed} of {total} sampled dates); using {used}. Check it and confirm.',
	'mapping.misfit.decimal':
		'The decimal mark you used last time for files with these columns ({saved}) does not fit this file ({failed} of {total} sampled amounts); using {used}. Check it and confirm.',
	'mapping.decimalComma': 'decimal comma, 1.234,50',
	'mapping.decimalPoint': 'decimal point, 1,234.50',
	'mapping.decimal': 'Numbers',
	'mapping.returns': 'Returns and cancellations',
	'mapping.returnsNet': 'Subtract them from revenue (net)',
	'mapping.returnsExclude': 'Leave them out, with zero-price lines',
	'mapping.customersTitle': 'Customers file: {file}',
	'mapping.confirm': 'Use this mapping',
	'encoding.label': 'Text encoding',
	'encoding.name.utf-8': 'UTF-8',
	'encoding.name.gb18030': 'GB18030 / GBK (Simplified Chinese)',
	'encoding.name.big5': 'Big5 (Traditional Chinese)',
	'encoding.name.shift_jis': 'Shift-JIS (Japanese)',
	'encoding.name.euc-kr': 'EUC-KR (Korean)',
	'encoding.name.windows-1252': 'Windows-1252 (Western European)',
	'encoding.name.utf-16le': 'UTF-16 LE',
	'encoding.name.utf-16be': 'UTF-16 BE',
	'encoding.hint':
		'If the lines below do not read right, choose the encoding the file was saved in: it is read again.',
	'encoding.setHint':
		'The encoding you choose applies to each of the {n} files of the set: they are all read again.',
	'encoding.preview': 'First lines of {file} in {encoding}',
	'encoding.previewReading': 'Reading the first lines of the file…',
	'encoding.previewEmpty': 'Nothing to show.',
	'encoding.previewReplaced':
		'Characters in these lines that cannot be read in {encoding} (shown as “�”): {n}.',
	'encoding.uncertain':
		'The text encoding was hard to tell from this file; it was read as {encoding}. Check that the lines below read right.',
	'encoding.replaced':
		'Characters that could not be read in {encoding}, loaded as “�”: {n} (lines {lines}). If the file was saved in another encoding, choose it under “Change column mapping”.',
	'encoding.replacedMore':
		'Characters that could not be read in {encoding}, loaded as “�”: {n} (lines {lines}, …). If the file was saved in another encoding, choose it under “Change column mapping”.',
	'role.customer_id': 'Customer ID',
	'role.order_date': 'Order date',
	'role.amount': 'Amount (revenue)',
	'role.quantity': 'Quantity',
	'role.unit_price': 'Unit price',
	'role.order_id': 'Order ID',
	'role.product': 'Product',
	'role.category': 'Category',
	'role.status': 'Order status',
	'crole.customer_id': 'Customer ID',
	'crole.signup_date': 'Sign-up date',
	'crole.gender': 'Gender',
	'crole.birth_date': 'Birth date',
	'crole.birth_year': 'Birth year',
	'crole.age': 'Age',
	'crole.income': 'Income',
	'crole.region': 'Region',
	'kind.integer': 'whole number',
	'kind.decimal': 'number',
	'kind.date': 'date',
	'kind.timestamp': 'date & time',
	'kind.boolean': 'yes/no',
	'kind.text': 'text',
	'kind.empty': 'empty',
	'summary.ordersFile': 'orders',
	'summary.customersFile': 'customers',
	'summary.basketsFile': 'baskets',
	'summary.feedbackFile': 'feedback',
	'summary.feedback':
		'{responses} feedback responses: {scored} with a score, {commented} with a comment, {identified} with a customer id',
	'summary.feedback.one':
		'{responses} feedback response: {scored} with a score, {commented} with a comment, {identified} with a customer id',
	'summary.feedbackMatched': '{matched} of them from customers in the orders',
	'summary.feedbackDates': 'dated {from} to {to}',
	'summary.feedbackRejected':
		'{n} feedback rows have a score or date that could not be read; they were set aside.',
	'summary.feedbackRejected.one':
		'{n} feedback row has a score or date that could not be read; it was set aside.',
	'summary.basketFacts':
		'{rows} lines: {loaded} loaded, {rejected} rejected · encoding {encoding} · items separated by “{delimiter}”',
	'summary.basketFacts.one':
		'{rows} line: {loaded} loaded, {rejected} rejected · encoding {encoding} · items separated by “{delimiter}”',
	'summary.basketless':
		'{n} rows hold no item (blank, or without a transaction id) and make no basket.',
	'summary.basketless.one':
		'{n} row holds no item (blank, or without a transaction id) and makes no basket.',
	'baskets.title': 'A basket file',
	'baskets.body':
		'Each line (or transaction id) is one shopping basket: the items bought together, with no customer, date or amount. It is kept for the market-basket analysis — which items are bought together, and what to recommend beside an item.',
	'baskets.next':
		'The customer analyses (RFM, cohorts, lifecycle …) need an orders file: add one with “Add file…”, and both are used.',
	'baskets.summary': '{baskets} baskets of {items} distinct items · {pairs} basket items',
	'baskets.top': 'Items in most baskets',
	'baskets.item': 'item',
	'baskets.inBaskets': 'baskets',
	'baskets.share': 'share of baskets',
	'baskets.sizes': 'Basket sizes',
	'baskets.size': 'items in the basket',
	'baskets.count': 'baskets',
	'status.baskets': 'Basket file loaded · {baskets} baskets of {items} items',
	'set.files':
		'Appended into one set: {n} files with the same columns. The column “{column}” names each row’s file (a dimension of the breakdown and the filter).',
	'set.file': 'file',
	'set.rows': 'data rows',
	'set.loaded': 'loaded',
	'set.rejected': 'rejected',
	'differ.title':
		'{file} was not used: its columns differ from the {kind} file’s, so its rows were not appended.',
	'differ.missing': 'Missing: {columns}.',
	'differ.extra': 'Not in the {kind} file: {columns}.',
	'differ.kinds': 'Other kinds of values in: {columns}.',
	'differ.next':
		'To use it, load it on its own (“Open files…”) or as another kind; or rename its columns to match and add it again.',
	'summary.facts':
		'{rows} data rows: {loaded} loaded, {rejected} rejected · encoding {encoding} · separator “{delimiter}”',
	'summary.facts.one':
		'{rows} data row: {loaded} loaded, {rejected} rejected · encoding {encoding} · separator “{delimiter}”',
	'summary.orders':
		'{customers} · {orders} · {from} – {to}: every order, returns and cancellations included (the overview counts purchases and the customers who made them)',
	'summary.customerCount': '{n} customers',
	'summary.customerCount.one': '{n} customer',
	'summary.orderCount': '{n} orders',
	'summary.orderCount.one': '{n} order',
	'summary.rejected': '{n} rows could not be read and were not loaded.',
	'summary.rejected.one': '{n} row could not be read and was not loaded.',
	'summary.unaccounted':
		'The file has {rows} data rows by our own count, but the CSV reader returned {read} ({loaded} loaded, {rejected} rejected): {n} rows are unaccounted for. The figures may be incomplete; check the file around its rejected lines, or save it again as CSV.',
	'summary.unaccounted.one':
		'The file has {rows} data rows by our own count, but the CSV reader returned {read} ({loaded} loaded, {rejected} rejected): {n} row is unaccounted for. The figures may be incomplete; check the file around its rejected lines, or save it again as CSV.',
	'summary.untyped': '{n} rows have a date or number that could not be read; they were set aside.',
	'summary.untyped.one': '{n} row has a date or number that could not be read; it was set aside.',
	'warning.future_date':
		'{n} orders are dated after today. They are loaded; check the date column and its format.',
	'warning.future_date.one':
		'{n} order is dated after today. It is loaded; check the date column and its format.',
	'warning.zero_amount':
		'{n} lines have an amount of 0. They are loaded and count as orders without revenue.',
	'warning.zero_amount.one':
		'{n} line has an amount of 0. It is loaded and counts as an order without revenue.',
	'warning.negative_amount':
		'{n} lines have a negative amount. They are loaded as returns or refunds and reduce revenue.',
	'warning.negative_amount.one':
		'{n} line has a negative amount. It is loaded as a return or refund and reduces revenue.',
	'warning.missing_customer':
		'{n} rows have no customer ID: they count in the overview’s store revenue and orders, not in the customer figures or analyses.',
	'warning.missing_customer.one':
		'{n} row has no customer ID: it counts in the overview’s store revenue and orders, not in the customer figures or analyses.',
	'warning.duplicate': '{n} rows are exact copies of an earlier row.',
	'warning.duplicate.one': '{n} row is an exact copy of an earlier row.',
	'warning.checking': 'Checking the rows for duplicates, future dates and odd amounts…',
	'warning.checkFailed': 'The checks for duplicates and odd values could not run: {message}',
	'warning.duplicateKept': 'They are kept: identical lines can be real orders.',
	'warning.examples': '(rows {rows})',
	'warning.examplesMore': '(rows {rows}, …)',
	'warning.removeDuplicates': 'Remove the {n} exact duplicates',
	'warning.removeDuplicates.one': 'Remove the {n} exact duplicate',
	'warning.duplicatesRemoved':
		'{rows} data rows = {loaded} loaded + {rejected} rejected + {removed} duplicates removed at your request.',
	'warning.duplicatesRemoved.one':
		'{rows} data row = {loaded} loaded + {rejected} rejected + {removed} duplicates removed at your request.',
	'reject.comma': ', ',
	'reject.colon': ': ',
	'reject.line': '{file} line {line}',
	'reject.row': '{file} data row {row}',
	'reject.column': 'column {column}',
	'reject.expectDate': 'expected a date like {example} ({format})',
	'reject.expectNumber': 'expected a number like 1234.50',
	'reject.dateRange':
		'expected a date from {from} to {to}: dates outside these years (such as 9999-12-31) are placeholders, not orders',
	'reject.numberFormat':
		'expected a number written like {example}, as the rest of the file is (if the file uses the other decimal mark, change it on the mapping screen)',
	'reject.tooLarge':
		'expected an amount below {limit} in absolute value: larger values are errors or placeholders and would overflow the totals',
	'reject.fields': 'expected {expected} fields, found {found}',
	'reject.moreFields': 'expected {expected} fields, found more',
	'reject.quote': 'a quote is not closed or is misplaced',
	'reject.encoding': 'characters that are not valid in the file’s encoding',
	'reject.tooLong': 'the line is longer than the reader accepts',
	'reject.tooLongSize': 'the line is {size} long; the reader accepts at most {max} per line',
	'reject.lines': '{file} lines {line}–{last}',
	'reject.got': 'got “{value}”',
	'reject.gotEmpty': 'the cell is empty',
	'summary.problem': 'Problem',
	'summary.untypedFirst': 'First rows set aside',
	'summary.returnsNet': '{n} return or cancellation lines are netted against revenue.',
	'summary.returnsNet.one': '{n} return or cancellation line is netted against revenue.',
	'summary.compressed':
		'This file is large for the memory the browser allows, so its tables are kept compressed: loading takes longer, and much larger files fit.',
	'summary.returnsExcluded': '{n} return or cancellation lines are left out.',
	'summary.returnsExcluded.one': '{n} return or cancellation line is left out.',
	'summary.downloadRejects': 'Download rejected rows (CSV)',
	'summary.line': 'Line',
	'summary.raw': 'Content',
	'summary.columns': 'Columns',
	'summary.column': 'Column',
	'summary.kind': 'Type',
	'summary.nulls': 'Empty',
	'summary.distinct': 'Distinct',
	'summary.counting': 'counting…',
	'table.showAll': 'Show all {n} rows',
	'table.showLess': 'Show fewer rows',
	'controls.asOf': 'As of',
	'controls.from': 'From',
	'controls.to': 'To',
	'controls.filterBy': 'Filter by',
	'controls.noFilter': 'No filter',
	'controls.values': 'Values',
	'controls.reset': 'Reset',
	'kpi.customers': 'Customers',
	'kpi.orders': 'Orders',
	'kpi.revenue': 'Revenue',
	'kpi.aov': 'Average order value',
	'kpi.repeat': 'Repeat customers (2+ orders)',
	'kpi.range': 'Date range',
	'kpi.prospects': 'Prospects',
	'kpi.returnsOnly': 'Returns only',
	'analysis.running': 'Computing…',
	'analysis.failed': 'This analysis failed: {message}',
	'analysis.outOfMemory':
		'This analysis needs more memory than the browser has left. Close other tabs, or load fewer orders (split the file) or fewer columns, then try again. ({message})',
	'analysis.noData': 'No data in the selected scope.',
	'analysis.action': 'What to do',
	'segments.exportLabel': 'Customer list of',
	'segments.show': 'Show customers',
	'segments.hide': 'Hide customers',
	'segments.previewNote':
		'{total} customers: the first {shown} are shown (click an id for the profile); the download lists them all.',
	'segments.previewNote.one': '1 customer (click the id for the profile).',
	'segments.previewLoading': 'Reading the customers…',
	'segments.download': 'Download customers (CSV)',
	'segments.downloadFailed': 'The customer list could not be made: {message}',
	'chart.note': 'Source: {file}{scope} · as of {asOf} · Clientele',
	'chart.noteRange': '{from} – {to}',
	'chart.noteFrom': 'from {from}',
	'chart.noteUntil': 'until {to}',
	'chart.noteFilter': '{column} = {values}',
	'chart.noteMore': '{n} more',
	'chart.failed': 'The chart could not be drawn: {message}',
	'chart.exportFailed': 'The chart could not be saved: {message}',
	'chart.drawing': 'Drawing the chart…',
	'download.csv': 'Download CSV',
	'download.svg': 'SVG',
	'download.png': 'PNG',
	'data.title': 'Data',
	'footer.privacy':
		'Clientele runs entirely in your browser (DuckDB-WASM). No data, no analytics, no fonts or scripts are fetched from anywhere else.',
	'notebook.views': 'Views',
	'notebook.dashboard': 'Dashboard',
	'notebook.tab': 'Notebook',
	'report.tab': 'Report',
	'report.preparing': 'Preparing the report…',
	'chart.copyPng': 'Copy PNG',
	'chart.copied': 'Chart copied as PNG: paste it into a slide or chat.',
	'chart.copyFallback': 'This browser did not allow copying: the PNG was downloaded instead.',
	'notebook.title': 'SQL notebook',
	'notebook.loading': 'Loading the notebook…',
	'dashboard.loading': 'Loading the dashboard…',
	'notebook.explain':
		'Query your data with SQL (DuckDB). The tables are orders, customer_facts, tx and, with a customers file, customers. Each SQL cell’s result becomes a view named after the cell, so later cells can read it; running a cell re-runs the cells that read it. Cells are saved in this browser as you type; the data is never saved.',
	'notebook.addSql': '+ SQL cell',
	'notebook.addText': '+ Text cell',
	'notebook.runAll': 'Run all',
	'notebook.run': 'Run',
	'notebook.runHint': 'SQL — Ctrl+Enter (⌘+Enter) runs the cell',
	'notebook.sqlLabel': 'SQL of cell {name}',
	'notebook.undo': 'Undo delete',
	'notebook.save': 'Save notebook',
	'notebook.open': 'Open notebook…',
	'notebook.delete': 'Delete cell',
	'notebook.up': 'Move up',
	'notebook.down': 'Move down',
	'notebook.name': 'View name',
	'notebook.text': 'Text',
	'notebook.textHint':
		'Notes in Markdown: # heading, **bold**, *italic*, `code`, - lists, > quotes, [links](https://…)',
	'notebook.edit': 'Edit',
	'notebook.done': 'Done',
	'notebook.empty':
		'No cells yet. Add a SQL cell, or use “Open in notebook” on any dashboard section to get its exact SQL.',
	'notebook.rows': '{n} rows · {ms} ms',
	'notebook.rows.one': '{n} row · {ms} ms',
	'notebook.rowsShown': 'showing the first {shown}',
	'notebook.copy': 'Copy',
	'notebook.copied': 'Copied',
	'notebook.tooLarge':
		'The result is too large to show: over {mb} MB, even with long values shortened to {chars} characters. Select fewer rows or columns, or shorten long values with left(column, 1000).',
	'notebook.value.show': 'Show the full value of {column}, row {row}',
	'notebook.value.title': '{column}, row {row}: {size}',
	'notebook.value.loading': 'Reading the value…',
	'notebook.value.bytes': '{n} bytes',
	'notebook.value.bytes.one': '{n} byte',
	'notebook.value.elements': '{n} elements',
	'notebook.value.elements.one': '{n} element',
	'notebook.value.tooLarge':
		'This value is too large to show in full ({size}; the limit is {mb} MB). Read a part of it with substr(column, start, length), or its size with strlen(column).',
	'notebook.value.download': 'Download value',
	'notebook.value.close': 'Close',
	'notebook.rowsTooLarge':
		'Not done: row {row}, column {column} holds a value longer than {chars} characters. Shorten it with left(column, n) first.',
	'notebook.rowsFailed': 'Could not read the rows: {error}',
	'notebook.circular':
		'This cell is part of a circular reference (cells that read each other’s views), so it was not run.',
	'notebook.refused.network':
		'Not run: Clientele does not read from the network or from files you have not added ({what}). Add the file instead (“Add file…”); your data stays on this machine.',
	'notebook.refused.settings':
		'Not run: the engine’s settings cannot be changed from the notebook ({what}). They are what keeps your data on this machine. SET VARIABLE works.',
	'notebook.refused.extension':
		'Not run: DuckDB extensions cannot be installed or loaded here ({what}): they would be fetched from the internet.',
	'notebook.refused.database':
		'Not run: the notebook works on the data you loaded; it cannot attach, detach or switch databases ({what}).',
	'notebook.refused.files':
		'Not run: the notebook cannot read or write files ({what}). Add files with “Add file…”; save results with the Download buttons.',
	'notebook.openIn': 'Open in notebook',
	'notebook.openInHint': 'Open the exact SQL of this section as notebook cells',
	'notebook.name.empty': 'A view name is needed.',
	'notebook.name.invalid':
		'Use letters, digits and _ only, not starting with a digit (at most 63).',
	'notebook.name.reserved': 'This name belongs to the app’s own tables or to SQL; choose another.',
	'notebook.name.duplicate': 'Another cell already uses this name.',
	'notebook.fileError.tooLarge': 'The notebook file is too large ({bytes} bytes; at most {limit}).',
	'notebook.fileError.notJson': 'The file is not valid JSON: {detail}',
	'notebook.fileError.notNotebook': 'This file is not a Clientele notebook.',
	'notebook.fileError.version':
		'Notebook version {version} is not supported (this app reads versions {supported}).',
	'notebook.fileError.tooManyCells': 'The notebook has {cells} cells; at most {limit} are allowed.',
	'notebook.fileError.badCell': 'Cell {index} is not valid: {detail}.',
	'notebook.fileError.badName': 'Cell {index}: the view name “{name}” cannot be used.',
	'notebook.fileError.badSettings': 'The notebook settings are not valid (row limit 1 to {limit}).',
	'notebook.addChart': '+ Chart cell',
	'notebook.cancel': 'Cancel',
	'notebook.cancelled':
		'Cancelled. The query was stopped; the data and the other cells are untouched.',
	'notebook.share': 'Copy share link',
	'notebook.shareCopied': 'Link copied to the clipboard:',
	'notebook.shareCopy': 'Copy this link:',
	'notebook.shareNoData':
		'The link holds the cells, settings and column mapping — never your data. The recipient attaches the data files.',
	'notebook.shareTooLong':
		'This notebook makes a link of {n} characters; links over {max} are often cut off by mail and chat apps. Use “Save notebook” and send the file instead.',
	'notebook.shareReplace':
		'This link holds a shared notebook with {n} cells. Opening it replaces the cells of your current notebook ({mine}); save yours first if you want to keep it.',
	'notebook.shareReplace.one':
		'This link holds a shared notebook with {n} cell. Opening it replaces the cells of your current notebook ({mine}); save yours first if you want to keep it.',
	'notebook.shareOpen': 'Open the shared notebook',
	'notebook.shareKeep': 'Keep mine',
	'notebook.shareError': 'This share link could not be opened.',
	'notebook.fileErrorPrefix': 'This notebook file could not be opened.',
	'notebook.attach':
		'This notebook needs its data: load {files}. Files are matched by name; once they are loaded, the notebook offers its column mapping, and its cells run when you press Run all.',
	'notebook.fromLink':
		'This notebook came from a share link: nothing in it has run. Read its SQL; it runs only when you press Run all.',
	'notebook.fromFile':
		'This notebook came from a file: nothing in it has run. Read its SQL; it runs only when you press Run all.',
	'notebook.offer':
		'This notebook was written for “{expected}” with {changes}. Apply that to the loaded data (“{loaded}”)?',
	'notebook.offer.roles': 'other column roles',
	'notebook.offer.dateFormat': 'date format {format}',
	'notebook.offer.decimal.comma': 'decimal comma',
	'notebook.offer.decimal.point': 'decimal point',
	'notebook.offer.returns.net': 'returns subtracted from revenue',
	'notebook.offer.returns.exclude': 'returns left out',
	'notebook.offer.misfit':
		'Careful: its {what} does not fit the loaded file ({failed} of {total} sampled values would be set aside or misread).',
	'notebook.offer.apply': 'Apply',
	'notebook.offer.keep': 'Keep mine',
	'notebook.offer.note':
		'Applying rebuilds the tables for this session only; it is not remembered for your later files.',
	'notebook.attachButton': 'Attach data files…',
	'notebook.mapping.missing':
		'This notebook was written for the {kind} file “{expected}”, which is not loaded.',
	'notebook.mapping.columns':
		'This notebook was written for the {kind} file “{expected}”; the loaded file “{loaded}” has different columns, so its SQL may fail or give other results.',
	'notebook.mapping.roles':
		'The loaded {kind} file “{loaded}” has the same columns as “{expected}”, but its columns are mapped to other roles than when the notebook was saved.',
	'notebook.mapping.kind.orders': 'orders',
	'notebook.mapping.kind.customers': 'customers',
	'notebook.deleted': 'Cell deleted.',
	'notebook.shortcuts':
		'Keys: Ctrl+Enter (⌘+Enter) run · Alt+Enter add a SQL cell below · Ctrl+Shift+↑/↓ move the cell · Ctrl+Shift+Backspace delete it · Ctrl+Z (⌘+Z) outside an editor undoes a delete',
	'notebook.chart': 'Chart',
	'notebook.chart.defaultTitle': '{y} by {x}',
	'notebook.chart.count': 'count',
	'notebook.chart.countOption': '(row count)',
	'notebook.chart.from': 'From cell {name}',
	'notebook.chart.capped':
		'{shown} of {total} rows drawn (charts draw at most 5,000 points, 60 categories and 6 panels)',
	'notebook.chart.source': 'Data',
	'notebook.chart.above': 'SQL cell above',
	'notebook.chart.mark': 'Mark',
	'notebook.chart.mark.bar': 'Bar',
	'notebook.chart.mark.line': 'Line',
	'notebook.chart.mark.area': 'Area',
	'notebook.chart.mark.dot': 'Dot',
	'notebook.chart.mark.cell': 'Heatmap',
	'notebook.chart.x': 'X',
	'notebook.chart.y': 'Y',
	'notebook.chart.color': 'Colour',
	'notebook.chart.facet': 'Facet',
	'notebook.chart.title': 'Title',
	'notebook.chart.noSource': 'Add a SQL cell above this chart (or pick one) to draw its result.',
	'notebook.chart.notRun': 'Run cell {name} to draw its result.',
	'notebook.chart.pickX': 'Pick a column for X.',
	'notebook.fileError.badMapping': 'The column mapping in the notebook is not valid: {detail}.',
	'notebook.fileError.badLink': 'The link is damaged: {detail}.',
	// Rejects, structured reasons (core/reject-reason.ts): a reader error we do not classify.
	'reject.engine': '{type}: {message}',
	// Load summary (issue 15): lines above the table that were skipped, and runs of spaces.
	'summary.skippedLines': '{n} lines above the table were skipped (not data):',
	'summary.skippedLines.one': '{n} line above the table was skipped (not data):',
	'summary.whitespace': 'spaces',
	// Compressed files, zip archives and workbooks (issue 15, db/unwrap).
	'progress.stage.decompressing': 'Decompressing the file',
	'progress.stage.sheet': 'Reading the Excel sheet',
	'loadError.tooLarge':
		'Once decompressed, this file would be larger than {limit} — more than the browser can analyse (it may be a "zip bomb"). Split the data into smaller files (for example one year per file) and load those.',
	'loadError.compressionRatio':
		'This file inflates to more than {ratio} times its size, which real tables do not: it looks like a "zip bomb", so reading stopped. If it is real data, decompress it with another tool and load the CSV itself.',
	'loadError.gzipDamaged':
		'This gzip file is damaged or incomplete (perhaps cut off while downloading). Download or copy it again, or decompress it with another tool and load the CSV inside.',
	'loadError.zipDamaged':
		'This zip archive is damaged or incomplete. Download or copy it again, or unzip it with another tool and load the CSV inside.',
	'loadError.zipEncrypted':
		'This zip archive is password-protected. Unzip it with its password and load the CSV inside.',
	'loadError.zipNoTable':
		'This zip archive holds no table (no CSV, TSV or TXT file; it holds: {entries}). Load the CSV file itself.',
	'loadError.zipManyTables':
		'This zip archive holds {count} tables: {tables}. Unzip it and load the one you want — or several at once, such as the orders and the customers file.',
	'loadError.xlsxNotWorkbook':
		'This is not an Excel workbook but a zip archive of something else ({entries}). Open the workbook in Excel and save it as .xlsx or CSV UTF-8, then load that.',
	'loadError.xlsxDamaged':
		'This Excel workbook is damaged or incomplete. Open it in Excel and save it again (or save it as CSV UTF-8), then load it.',
	'loadError.xlsxEmpty':
		'No sheet of this workbook holds data (sheets in it: {sheets}, all empty). Put the table on a sheet, or save the sheet with your data as CSV UTF-8, then load it.',
	'loadError.spreadsheetFormat':
		'This is a {format} spreadsheet, which Clientele cannot read. Open it and save it as .xlsx or CSV UTF-8, then load that.',
	'summary.fromGzip': 'Decompressed from {size}.',
	'summary.fromZip': 'Read {entry} from the zip archive.',
	'summary.fromSheet': 'Read the sheet “{sheet}”.',
	'summary.otherSheets':
		'Other sheets with data, not read: {sheets}. To analyse one, choose it under “Sheet of the workbook” on the mapping screen (Change column mapping).'
} as const;

export type MessageKey = keyof typeof en;
/** The keys every locale translates: all but the English singulars `*.one` (zh has no plurals). */
export type TranslatedKey = Exclude<MessageKey, `${string}.one`>;
