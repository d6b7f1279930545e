<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.appt.agent.title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.title ?></a></li></ol></nav>
<h1><?cs var:Lang.appt.agent.title ?><?cs if:Office.name ?> — <?cs var:Office.name ?><?cs /if ?></h1>
<?cs if:Page.problem ?><div class="error-summary" role="alert" id="problem"><p><?cs var:Page.problem ?></p></div><?cs /if ?>
<?cs if:!Offices.0.id ?><p><?cs var:Lang.appt.agent.no_office ?></p><?cs else ?>
<form method="get" action="/inbox/appointments" class="filters">
<label for="office"><?cs var:Lang.appt.agent.office ?></label>
<select id="office" name="office"><?cs each:o = Offices ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Office.id ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?></select>
<label for="day"><?cs var:Lang.appt.agent.day ?></label>
<input type="date" id="day" name="day" value="<?cs var:Page.day ?>">
<label for="desk"><?cs var:Lang.appt.agent.desk ?></label>
<select id="desk" name="desk"><option value=""><?cs var:Lang.appt.agent.all_desks ?></option><?cs each:k = Desks ?><option value="<?cs var:k.id ?>"<?cs if:k.id == Page.desk ?> selected<?cs /if ?>><?cs var:k.name ?></option><?cs /each ?></select>
<label for="view"><?cs var:Lang.appt.agent.view ?></label>
<select id="view" name="view"><option value="day"><?cs var:Lang.appt.agent.the_day ?></option><option value="week"<?cs if:Page.week ?> selected<?cs /if ?>><?cs var:Lang.appt.agent.the_week ?></option></select>
<button type="submit"><?cs var:Lang.appt.agent.show ?></button>
</form>
<?cs /if ?>
<?cs if:Office.id ?>
<nav aria-label="<?cs var:Lang.appt.weeks ?>"><ul class="pager">
<li><a href="/inbox/appointments?office=<?cs var:url_escape(Office.id) ?>&amp;day=<?cs var:url_escape(Page.prev) ?><?cs if:Page.week ?>&amp;view=week<?cs /if ?>&amp;desk=<?cs var:url_escape(Page.desk) ?>"><?cs var:Lang.appt.agent.before ?></a></li>
<li><a href="/inbox/appointments?office=<?cs var:url_escape(Office.id) ?>&amp;day=<?cs var:url_escape(Page.next) ?><?cs if:Page.week ?>&amp;view=week<?cs /if ?>&amp;desk=<?cs var:url_escape(Page.desk) ?>"><?cs var:Lang.appt.agent.after ?></a></li>
</ul></nav>
<h2 id="agenda"><?cs if:Page.week ?><?cs var:Lang.appt.agent.week_of ?><?cs else ?><?cs var:Lang.appt.agent.day_of ?><?cs /if ?> <?cs var:Page.day ?></h2>
<?cs if:!Agenda.0.id ?><p><?cs var:Lang.appt.agent.empty ?></p><?cs else ?>
<table aria-labelledby="agenda">
<thead><tr><th scope="col"><?cs var:Lang.appt.when ?></th><th scope="col"><?cs var:Lang.appt.agent.desk ?></th><th scope="col"><?cs var:Lang.appt.agent.meeting ?></th><th scope="col"><?cs var:Lang.appt.agent.person ?></th><th scope="col"><?cs var:Lang.appt.status_col ?></th><?cs if:Page.act ?><th scope="col"><?cs var:Lang.appt.agent.actions ?></th><?cs /if ?></tr></thead>
<tbody><?cs each:a = Agenda ?><tr data-status="<?cs var:a.status ?>">
<td><?cs if:Page.week ?><?cs var:a.day ?> <?cs /if ?><?cs var:a.from ?>–<?cs var:a.to ?></td>
<td><?cs var:a.desk ?></td>
<td><?cs if:a.status == "blocked" ?><?cs var:a.note ?><?cs else ?><?cs var:a.type ?><?cs /if ?></td>
<td><?cs var:a.person ?><?cs if:a.phone ?> (<?cs var:a.phone ?>)<?cs /if ?></td>
<td><?cs var:Lang.appt.status[a.status] ?></td>
<?cs if:Page.act ?><td><?cs if:a.status != "blocked" ?><form method="post" action="/inbox/appointments/<?cs var:a.id ?>/seen" class="inline"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><input type="hidden" name="office" value="<?cs var:Office.id ?>"><input type="hidden" name="day" value="<?cs var:Page.day ?>"><button type="submit" aria-label="<?cs var:Lang.appt.agent.seen ?> <?cs var:a.from ?> <?cs var:a.person ?>"><?cs var:Lang.appt.agent.seen ?></button></form>
<form method="post" action="/inbox/appointments/<?cs var:a.id ?>/noshow" class="inline"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><input type="hidden" name="office" value="<?cs var:Office.id ?>"><input type="hidden" name="day" value="<?cs var:Page.day ?>"><button type="submit" class="secondary" aria-label="<?cs var:Lang.appt.agent.noshow ?> <?cs var:a.from ?> <?cs var:a.person ?>"><?cs var:Lang.appt.agent.noshow ?></button></form><?cs /if ?></td><?cs /if ?>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:Page.act ?>
<h2><?cs var:Lang.appt.agent.book_title ?></h2>
<form method="post" action="/inbox/appointments/book" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="office" value="<?cs var:Office.id ?>">
<div class="field"><label for="book-type"><?cs var:Lang.appt.agent.meeting ?></label>
<select id="book-type" name="type"><?cs each:t = Types ?><option value="<?cs var:t.id ?>"><?cs var:t.label ?> (<?cs var:t.minutes ?> <?cs var:Lang.appt.minutes ?>)</option><?cs /each ?></select></div>
<div class="field"><label for="book-day"><?cs var:Lang.appt.agent.day ?></label><input type="date" id="book-day" name="day" value="<?cs var:Page.day ?>"></div>
<div class="field"><label for="book-time"><?cs var:Lang.appt.agent.time ?></label><input type="time" id="book-time" name="time" step="300"></div>
<div class="field"><label for="name"><?cs var:Lang.appt.agent.name ?></label><input type="text" id="name" name="name" maxlength="200" autocomplete="off"></div>
<div class="field"><label for="email"><?cs var:Lang.appt.agent.email ?></label><input type="email" id="email" name="email" autocomplete="off"></div>
<div class="field"><label for="phone"><?cs var:Lang.appt.agent.phone ?></label><input type="tel" id="phone" name="phone" maxlength="40" autocomplete="off"></div>
<button type="submit"><?cs var:Lang.appt.agent.book ?></button>
</form>
<h2><?cs var:Lang.appt.agent.block_title ?></h2>
<form method="post" action="/inbox/appointments/block" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="office" value="<?cs var:Office.id ?>">
<div class="field"><label for="block-desk"><?cs var:Lang.appt.agent.desk ?></label>
<select id="block-desk" name="desk"><?cs each:k = Desks ?><option value="<?cs var:k.id ?>"><?cs var:k.name ?></option><?cs /each ?></select></div>
<div class="field"><label for="block-day"><?cs var:Lang.appt.agent.day ?></label><input type="date" id="block-day" name="day" value="<?cs var:Page.day ?>"></div>
<div class="field"><label for="block-from"><?cs var:Lang.appt.agent.from ?></label><input type="time" id="block-from" name="from" step="300"></div>
<div class="field"><label for="block-to"><?cs var:Lang.appt.agent.to ?></label><input type="time" id="block-to" name="to" step="300"></div>
<div class="field"><label for="note"><?cs var:Lang.appt.agent.note ?></label><input type="text" id="note" name="note" maxlength="500"></div>
<button type="submit"><?cs var:Lang.appt.agent.block ?></button>
</form>
<?cs /if ?>
<?cs /if ?>
<?cs call:page_end() ?>
