//! The HTML shell and the route table.
use crate::components::layout::{Footer, Header};
use crate::components::session::{provide_session, use_lang};
use crate::pages::{
    account::{EmailConfirmPage, ForgotPasswordPage, RegisterPage, ResetPasswordPage, SignInPage},
    admin::AdminPage,
    admin_area::AreaAdminPage,
    area::AreaPage,
    area_pick::AreaPickPage,
    complaint::{ComplaintPage, ComplaintsPage, NewComplaintPage},
    dashboard::DashboardPage,
    home::HomePage,
    moderation::{ModEntryPage, ModLogPage, ModQueuePage},
    musrenbang::{
        NewCyclePage, NewUsulanPage, PlanAreaPage, PlanCyclePage, PlanCyclesPage, PlanFunnelPage, UsulanPage,
    },
    not_found::NotFound,
    notify::{OutboxPage, UnsubscribePage},
    post::{EditPostPage, NewThreadPage, RevisionsPage},
    profile::ProfilePage,
    proposal::{DeskPage, EditProposalPage, NewProposalPage, ProposalPage, ProposalsPage, RecordPage},
    search::{NotificationsPage, SearchPage},
    settings::SettingsPage,
    thread::ThreadPage,
};
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(_options: LeptosOptions) -> impl IntoView {
    // Islands: only the parts marked `#[island]` carry their data into the
    // page and run in the browser; the rest is HTML. `boot.js` loads the
    // WebAssembly only on a page that has an island.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <style nonce=use_nonce() inner_html=page_style()></style>
                <script type="module" src="/boot.js"></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The style sheet, inline (see [`crate::server::page_style`]).
fn page_style() -> &'static str {
    #[cfg(feature = "ssr")]
    {
        crate::server::page_style()
    }
    #[cfg(not(feature = "ssr"))]
    {
        ""
    }
}

/// A page title as the text content of `<title>`.
fn title_text(title: String) -> String {
    title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_session();
    let lang = use_lang();

    view! {
        <Html {..} lang=lang.code()/>
        // Every page's title, as text: leptos_meta writes it into <title>
        // as it is, and a thread or usulan titled "</title><b>" must not
        // become markup.
        <Title formatter=title_text/>
        <Router>
                    <Header/>
                    <main id="main" tabindex="-1">
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                            <Route path=path!("/area/:id") view=AreaPage ssr=SsrMode::Async/>
                            <Route path=path!("/areas/pick") view=AreaPickPage ssr=SsrMode::Async/>
                            <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async/>
                            <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                            <Route path=path!("/u/:username") view=ProfilePage ssr=SsrMode::Async/>
                            <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async/>
                            <Route path=path!("/email/confirm") view=EmailConfirmPage ssr=SsrMode::Async/>
                            <Route path=path!("/password/forgot") view=ForgotPasswordPage ssr=SsrMode::Async/>
                            <Route path=path!("/password/reset") view=ResetPasswordPage ssr=SsrMode::Async/>
                            <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async/>
                            <Route path=path!("/admin/areas") view=AreaAdminPage ssr=SsrMode::Async/>
                            <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async/>
                            <Route path=path!("/unsubscribe") view=UnsubscribePage ssr=SsrMode::Async/>
                            <Route path=path!("/new") view=NewThreadPage ssr=SsrMode::Async/>
                            <Route path=path!("/t/:id") view=ThreadPage ssr=SsrMode::Async/>
                            <Route path=path!("/p/:id/edit") view=EditPostPage ssr=SsrMode::Async/>
                            <Route path=path!("/p/:id/revisions") view=RevisionsPage ssr=SsrMode::Async/>
                            <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                            <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                            <Route path=path!("/proposals") view=ProposalsPage ssr=SsrMode::Async/>
                            <Route path=path!("/proposals/new") view=NewProposalPage ssr=SsrMode::Async/>
                            <Route path=path!("/proposals/:id") view=ProposalPage ssr=SsrMode::Async/>
                            <Route path=path!("/proposals/:id/edit") view=EditProposalPage ssr=SsrMode::Async/>
                            <Route path=path!("/record") view=RecordPage ssr=SsrMode::Async/>
                            <Route path=path!("/desk") view=DeskPage ssr=SsrMode::Async/>
                            <Route path=path!("/complaints") view=ComplaintsPage ssr=SsrMode::Async/>
                            <Route path=path!("/complaints/new") view=NewComplaintPage ssr=SsrMode::Async/>
                            <Route path=path!("/complaints/:id") view=ComplaintPage ssr=SsrMode::Async/>
                            <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                            <Route path=path!("/moderation") view=ModQueuePage ssr=SsrMode::Async/>
                            <Route path=path!("/moderation/log") view=ModLogPage ssr=SsrMode::Async/>
                            <Route path=path!("/moderation/log/:id") view=ModEntryPage ssr=SsrMode::Async/>
                            <Route path=path!("/musrenbang") view=PlanCyclesPage ssr=SsrMode::Async/>
                            <Route path=path!("/musrenbang/new") view=NewCyclePage ssr=SsrMode::Async/>
                            <Route path=path!("/musrenbang/:id") view=PlanCyclePage ssr=SsrMode::Async/>
                            <Route path=path!("/musrenbang/:id/usulan/new") view=NewUsulanPage ssr=SsrMode::Async/>
                            <Route path=path!("/musrenbang/:id/funnel") view=PlanFunnelPage ssr=SsrMode::Async/>
                            <Route path=path!("/musrenbang/:id/:tier/:area") view=PlanAreaPage ssr=SsrMode::Async/>
                            <Route path=path!("/usulan/:id") view=UsulanPage ssr=SsrMode::Async/>
                        </Routes>
                    </main>
                    <Footer/>
        </Router>
    }
}
