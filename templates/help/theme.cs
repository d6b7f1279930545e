<?cs include:"layout.cs" ?>
<?cs call:page_start(Themes.0.title) ?>
<?cs call:breadcrumb_help() ?></ol></nav>
<h1><?cs var:Themes.0.title ?></h1>
<p class="lead"><?cs var:Themes.0.intro ?></p>
<?cs call:help_search_form("") ?>
<ul class="articles">
<?cs each:a = Themes.0.articles ?><li>
<h2><a href="/help/articles/<?cs var:url_escape(a.slug) ?>"><?cs var:a.title ?></a></h2>
<p><?cs var:a.summary ?></p>
</li>
<?cs /each ?></ul>
<p class="contact"><?cs var:Lang.help.not_found ?> <a href="/help/contact?theme=<?cs var:url_escape(Themes.0.code) ?>"><?cs var:Lang.help.contact_link ?></a></p>
<?cs call:page_end() ?>
