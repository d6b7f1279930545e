<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.login.refused_title) ?>
<h1><?cs var:Lang.login.refused_title ?></h1>
<?cs if:Login.why ?><p class="notice" id="why"><?cs var:Lang.login.refused_why[Login.why] ?></p><?cs /if ?>
<p><?cs var:Lang.login.refused_text ?></p>
<ul>
<li><?cs var:Lang.login.refused_tip1 ?></li>
<li><?cs var:Lang.login.refused_tip2 ?></li>
<li><?cs var:Lang.login.refused_tip3 ?></li>
</ul>
<p><a class="button" href="<?cs var:Login.retry ?>"><?cs var:Lang.login.refused_retry ?></a></p>
<p><a href="/help/articles/card-reader-problems"><?cs var:Lang.login.refused_help ?></a></p>
<?cs call:page_end() ?>
