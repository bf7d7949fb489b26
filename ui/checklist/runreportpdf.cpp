// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/checklist/runreportpdf.h"

#include "checklist/runreport.h"

#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QPageLayout>
#include <QPdfWriter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace ph {

Result<void> RunReportPdf::write(const QString &path, const ChecklistRun &run,
                                 const Runbook &runbook, const QString &auditHead,
                                 const QStringList &secretValues)
{
    // QPdfWriter reports nothing when it cannot write, so find out first.
    {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly)) {
            return fail(
                u"report.write"_s,
                tr("The PDF report cannot be written to %1. Choose another folder.").arg(path),
                probe.errorString());
        }
    }
    const QString markdown = RunReport::toMarkdown(run, runbook, auditHead, secretValues);

    QTextDocument doc;
    QFont body = doc.defaultFont();
    body.setPointSizeF(10);
    // Without shaping there are no ligatures, so "fi" stays two letters that search and
    // copy-and-paste in a PDF viewer (and pdftotext) can find.
    body.setStyleStrategy(QFont::PreferNoShaping);
    doc.setDefaultFont(body);
    doc.setMarkdown(markdown);
    doc.setMetaInformation(QTextDocument::DocumentTitle, run.runbookTitle());

    {
        QPdfWriter writer(path);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                         QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter));
        writer.setTitle(tr("%1 — run %2").arg(run.runbookTitle()).arg(run.runId()));
        writer.setCreator(u"Pilothouse"_s);
        doc.print(&writer);
    }
    if (QFileInfo(path).size() == 0) {
        return fail(u"report.write"_s,
                    tr("The PDF report at %1 came out empty. Check the free space and try "
                       "again.")
                        .arg(path));
    }
    return {};
}

} // namespace ph
