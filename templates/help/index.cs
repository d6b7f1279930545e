<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.help.title) ?>
<h1><?cs var:Lang.help.title ?></h1>
<p class="lead"><?cs var:Lang.help.intro ?></p>
<?cs call:help_search_form("") ?>
<?cs each:t = Themes ?>
<section class="theme" aria-labelledby="theme-<?cs var:t.code ?>">
<h2 id="theme-<?cs var:t.code ?>"><a href="/help/themes/<?cs var:url_escape(t.code) ?>"><?cs var:t.title ?></a></h2>
<p><?cs var:t.intro ?></p>
<ul class="articles">
<?cs each:a = t.articles ?><li><a href="/help/articles/<?cs var:url_escape(a.slug) ?>"><?cs var:a.title ?></a></li>
<?cs /each ?></ul>
</section>
<?cs /each ?>
<p class="contact"><?cs var:Lang.help.not_found ?> <a href="/help/contact"><?cs var:Lang.help.contact_link ?></a></p>
<?cs call:page_end() ?>
