<?cs include:"layout.cs" ?>
<?cs def:queue_link(q) ?>/inbox?queue=<?cs var:q ?><?cs /def ?>
<?cs def:query_rest() ?>&amp;queue=<?cs var:Queue.name ?>&amp;procedure=<?cs var:url_escape(Queue.procedure) ?>&amp;status=<?cs var:Queue.status ?>&amp;from=<?cs var:Queue.from ?>&amp;to=<?cs var:Queue.to ?>&amp;assignee=<?cs var:Queue.assignee ?>&amp;due=<?cs var:Queue.due ?>&amp;due_to=<?cs var:url_escape(Queue.due_to) ?>&amp;q=<?cs var:url_escape(Queue.q) ?>&amp;sort=<?cs var:Queue.sort ?><?cs /def ?>
<?cs call:page_start(Lang.inbox.title) ?>
<h1><?cs var:Lang.inbox.title ?></h1>
<?cs if:Agent.manager ?><p><a href="/inbox/stats"><?cs var:Lang.inbox.stats_title ?></a></p><?cs /if ?>
<?cs if:Agent.helpdesk ?><p><a href="/inbox/helpdesk"><?cs var:Lang.inbox.helpdesk.title ?></a></p><?cs /if ?>
<nav class="tabs" aria-label="<?cs var:Lang.inbox.queues ?>"><ul>
<?cs each:q = Queues ?><li><?cs if:q == Queue.name ?><span aria-current="page"><?cs var:Lang.inbox.queue[q] ?></span><?cs else ?><a href="<?cs call:queue_link(q) ?>"><?cs var:Lang.inbox.queue[q] ?></a><?cs /if ?></li>
<?cs /each ?></ul></nav>
<form class="filters" method="get" action="/inbox" role="search" aria-label="<?cs var:Lang.inbox.filters ?>">
<input type="hidden" name="queue" value="<?cs var:Queue.name ?>">
<div class="field"><label for="q"><?cs var:Lang.inbox.search ?></label>
<input type="search" id="q" name="q" value="<?cs var:Queue.q ?>" maxlength="100"></div>
<div class="field"><label for="f-procedure"><?cs var:Lang.inbox.procedure ?></label>
<select id="f-procedure" name="procedure"><option value=""><?cs var:Lang.inbox.any ?></option>
<?cs each:p = Procedures ?><option value="<?cs var:p.code ?>"<?cs if:p.code == Queue.procedure ?> selected<?cs /if ?>><?cs var:p.title ?></option>
<?cs /each ?></select></div>
<div class="field"><label for="f-status"><?cs var:Lang.inbox.status ?></label>
<select id="f-status" name="status"><option value=""><?cs var:Lang.inbox.any ?></option>
<?cs each:s = Statuses ?><option value="<?cs var:s ?>"<?cs if:s == Queue.status ?> selected<?cs /if ?>><?cs var:Lang.dossier.status[s] ?></option>
<?cs /each ?></select></div>
<div class="field"><label for="f-from"><?cs var:Lang.inbox.from ?> <span class="small">(<?cs var:Lang.inbox.date_hint ?>)</span></label>
<input type="text" id="f-from" name="from" value="<?cs var:Queue.from ?>" size="10"></div>
<div class="field"><label for="f-to"><?cs var:Lang.inbox.to ?> <span class="small">(<?cs var:Lang.inbox.date_hint ?>)</span></label>
<input type="text" id="f-to" name="to" value="<?cs var:Queue.to ?>" size="10"></div>
<div class="field"><label for="f-assignee"><?cs var:Lang.inbox.assignee ?></label>
<select id="f-assignee" name="assignee"><option value=""><?cs var:Lang.inbox.any ?></option>
<?cs each:a = Agents ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Queue.assignee ?> selected<?cs /if ?>><?cs var:a.name ?></option>
<?cs /each ?></select></div>
<div class="field"><label for="f-due"><?cs var:Lang.deadline.queue.filter ?></label>
<select id="f-due" name="due"><option value=""><?cs var:Lang.inbox.any ?></option>
<?cs each:v = Lang.deadline.queue.dues ?><option value="<?cs name:v ?>"<?cs if:name(v) == Queue.due ?> selected<?cs /if ?>><?cs var:v ?></option>
<?cs /each ?></select></div>
<div class="field"><label for="f-due-to"><?cs var:Lang.deadline.queue.due_to ?> <span class="small">(<?cs var:Lang.inbox.date_hint ?>)</span></label>
<input type="text" id="f-due-to" name="due_to" value="<?cs var:Queue.due_to ?>" size="10"></div>
<div class="field"><label for="f-sort"><?cs var:Lang.inbox.sort ?></label>
<select id="f-sort" name="sort"><option value="oldest"<?cs if:Queue.sort == "oldest" ?> selected<?cs /if ?>><?cs var:Lang.inbox.oldest ?></option><option value="newest"<?cs if:Queue.sort == "newest" ?> selected<?cs /if ?>><?cs var:Lang.inbox.newest ?></option><option value="due"<?cs if:Queue.sort == "due" ?> selected<?cs /if ?>><?cs var:Lang.deadline.queue.sort ?></option></select></div>
<button type="submit"><?cs var:Lang.inbox.apply ?></button>
</form>
<?cs if:Queue.count == 0 ?><p><?cs var:Lang.inbox.none ?></p>
<?cs else ?><table class="queue">
<caption class="visually-hidden"><?cs var:Lang.inbox.list_caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.inbox.reference ?></th><th scope="col"><?cs var:Lang.inbox.procedure ?></th><th scope="col"><?cs var:Lang.inbox.applicant ?></th><th scope="col"><?cs var:Lang.inbox.submitted ?></th><th scope="col"><?cs var:Lang.deadline.queue.column ?></th><th scope="col"><?cs var:Lang.inbox.status ?></th><th scope="col"><?cs var:Lang.inbox.assigned ?></th></tr></thead>
<tbody><?cs each:d = Dossiers ?><tr>
<td><a href="/inbox/dossiers/<?cs var:d.id ?>"><?cs var:d.reference ?></a></td>
<td><?cs var:d.title ?></td>
<td><?cs var:d.applicant ?></td>
<td><?cs var:d.submitted ?></td>
<td class="due"><?cs if:d.due ?><time datetime="<?cs var:d.due_iso ?>"><?cs var:d.due ?></time><?cs if:d.flag ?> <strong class="tag deadline-<?cs var:d.flag ?>"><?cs var:Lang.deadline.flag[d.flag] ?></strong><?cs /if ?><?cs /if ?></td>
<td><?cs var:Lang.dossier.status[d.status] ?><?cs if:d.waiting == "1" ?> <strong class="tag waiting"><?cs var:Lang.inbox.waiting ?></strong><?cs /if ?></td>
<td><?cs if:d.assignee ?><?cs var:d.assignee ?><?cs else ?><span class="small"><?cs var:Lang.inbox.unassigned ?></span><?cs /if ?></td>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:Queue.next || Queue.paged ?><nav class="pager" aria-label="<?cs var:Lang.inbox.list_caption ?>"><ul>
<?cs if:Queue.paged ?><li><a href="/inbox?x=1<?cs call:query_rest() ?>"><?cs var:Lang.inbox.first ?></a></li><?cs /if ?>
<?cs if:Queue.next ?><li><a rel="next" href="/inbox?after=<?cs var:Queue.next ?><?cs call:query_rest() ?>"><?cs var:Lang.inbox.more ?></a></li><?cs /if ?>
</ul></nav><?cs /if ?>
<?cs call:page_end() ?>
