<?cs # A dossier's decision deadline (lib/deadline.c, docs/deadlines.md): rows of a summary list. ?>
<?cs def:deadline_rows() ?><?cs if:Deadline.silence && Deadline.closed != "1" ?>
<div class="row deadline<?cs if:Deadline.flag ?> deadline-<?cs var:Deadline.flag ?><?cs /if ?>"><dt><?cs if:Deadline.due ?><?cs var:Lang.deadline.due ?><?cs else ?><?cs var:Lang.deadline.title ?><?cs /if ?></dt><dd><?cs if:Deadline.due ?><strong class="due-date"><?cs var:Deadline.due_shown ?></strong><?cs if:Deadline.flag ?> <strong class="tag"><?cs var:Lang.deadline.flag[Deadline.flag] ?></strong><?cs /if ?><?cs else ?><?cs var:Lang.deadline.paused ?><?cs /if ?>
<br><?cs var:Lang.deadline.period[Deadline.count] ?> <?cs var:Deadline.days ?></dd></div>
<div class="row"><dt><?cs var:Lang.deadline.silence_title ?></dt><dd class="deadline-silence"><?cs var:Lang.deadline.silence[Deadline.silence] ?><?cs if:Deadline.basis ?><br><span class="small"><?cs var:Lang.deadline.basis ?> <?cs var:Deadline.basis ?></span><?cs /if ?></dd></div>
<?cs /if ?><?cs /def ?>
