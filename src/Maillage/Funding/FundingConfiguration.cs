using Maillage.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Funding;

internal sealed class ConventionConfiguration : IEntityTypeConfiguration<Convention>
{
    public void Configure(EntityTypeBuilder<Convention> b)
    {
        b.ToTable("funding_conventions");
        b.Property(x => x.Title).HasMaxLength(Convention.MaxTitle);
        b.Property(x => x.Object).HasMaxLength(4000);
        b.Property(x => x.NoticeForm).HasMaxLength(300);
        b.Property(x => x.DisputesClause).HasMaxLength(2000);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.ManagerEmail).HasMaxLength(256);
        b.Property(x => x.Source).HasMaxLength(4000);
        b.HasIndex(x => x.CiteId);
        b.HasOne<Cite>().WithMany().HasForeignKey(x => x.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Parties).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Structures).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Territories).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Actions).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Years).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.CostSharing).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.SubsidyTables).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.PaymentRules).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Payments).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Amendments).WithOne().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConventionPartyConfiguration : IEntityTypeConfiguration<ConventionParty>
{
    public void Configure(EntityTypeBuilder<ConventionParty> b)
    {
        b.ToTable("funding_parties");
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.Representative).HasMaxLength(500);
        b.Property(x => x.BankDetails).HasMaxLength(1000);
        b.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PartnerId);
    }
}

internal sealed class ConventionStructureConfiguration : IEntityTypeConfiguration<ConventionStructure>
{
    public void Configure(EntityTypeBuilder<ConventionStructure> b)
    {
        b.ToTable("funding_convention_structures");
        b.HasKey(x => new { x.ConventionId, x.StructureId });
        b.HasOne<Structure>().WithMany().HasForeignKey(x => x.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConventionTerritoryConfiguration : IEntityTypeConfiguration<ConventionTerritory>
{
    public void Configure(EntityTypeBuilder<ConventionTerritory> b)
    {
        b.ToTable("funding_convention_territories");
        b.HasKey(x => new { x.ConventionId, x.TerritoryId });
        b.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConventionActionConfiguration : IEntityTypeConfiguration<ConventionAction>
{
    public void Configure(EntityTypeBuilder<ConventionAction> b)
    {
        b.ToTable("funding_actions");
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(500);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.HasMany(x => x.Days).WithOne().HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActionDaysConfiguration : IEntityTypeConfiguration<ActionDays>
{
    public void Configure(EntityTypeBuilder<ActionDays> b)
    {
        b.ToTable("funding_action_days");
        b.HasIndex(x => new { x.ActionId, x.Year }).IsUnique();
        b.Property(x => x.ForecastDays).HasPrecision(7, 2);
        b.Property(x => x.FinancedDays).HasPrecision(7, 2);
    }
}

internal sealed class ConventionYearConfiguration : IEntityTypeConfiguration<ConventionYear>
{
    public void Configure(EntityTypeBuilder<ConventionYear> b)
    {
        b.ToTable("funding_years");
        b.HasIndex(x => new { x.ConventionId, x.Year }).IsUnique();
        b.Property(x => x.DayRateExclVat).HasPrecision(12, 2);
        b.Property(x => x.VatRate).HasPrecision(6, 4);
        b.Property(x => x.SignedAmount).HasPrecision(14, 2);
    }
}

internal sealed class CostSharingRuleConfiguration : IEntityTypeConfiguration<CostSharingRule>
{
    public void Configure(EntityTypeBuilder<CostSharingRule> b)
    {
        b.ToTable("funding_cost_sharing");
        b.Property(x => x.Label).HasMaxLength(300);
        b.Property(x => x.Budget).HasPrecision(14, 2);
        b.Property(x => x.Share).HasPrecision(6, 4);
        b.Property(x => x.Cap).HasPrecision(14, 2);
        b.HasMany(x => x.Costs).WithOne().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActualCostConfiguration : IEntityTypeConfiguration<ActualCost>
{
    public void Configure(EntityTypeBuilder<ActualCost> b)
    {
        b.ToTable("funding_actual_costs");
        b.Property(x => x.Label).HasMaxLength(300);
        b.Property(x => x.Amount).HasPrecision(14, 2);
        b.Property(x => x.DocumentName).HasMaxLength(255);
        b.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SubsidyTableConfiguration : IEntityTypeConfiguration<SubsidyTable>
{
    public void Configure(EntityTypeBuilder<SubsidyTable> b)
    {
        b.ToTable("funding_subsidy_tables");
        b.Property(x => x.Title).HasMaxLength(300);
        b.HasMany(x => x.Columns).WithOne().HasForeignKey(x => x.TableId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubsidyColumnConfiguration : IEntityTypeConfiguration<SubsidyColumn>
{
    public void Configure(EntityTypeBuilder<SubsidyColumn> b)
    {
        b.ToTable("funding_subsidy_columns");
        b.Property(x => x.Label).HasMaxLength(300);
        b.Property(x => x.AnnualAmount).HasPrecision(14, 2);
        b.HasMany(x => x.Figures).WithOne().HasForeignKey(x => x.ColumnId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ConventionParty>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SubsidyFigureConfiguration : IEntityTypeConfiguration<SubsidyFigure>
{
    public void Configure(EntityTypeBuilder<SubsidyFigure> b)
    {
        b.ToTable("funding_subsidy_figures");
        b.Property(x => x.YearLabel).HasMaxLength(100);
        b.Property(x => x.Signed).HasPrecision(14, 2);
        b.HasIndex(x => new { x.ColumnId, x.Year }).IsUnique();
    }
}

internal sealed class PaymentRuleConfiguration : IEntityTypeConfiguration<PaymentRule>
{
    public void Configure(EntityTypeBuilder<PaymentRule> b)
    {
        b.ToTable("funding_payment_rules");
        b.Property(x => x.Wording).HasMaxLength(2000);
    }
}

internal sealed class PaymentReceivedConfiguration : IEntityTypeConfiguration<PaymentReceived>
{
    public void Configure(EntityTypeBuilder<PaymentReceived> b)
    {
        b.ToTable("funding_payments");
        b.Property(x => x.Amount).HasPrecision(14, 2);
        b.Property(x => x.Reference).HasMaxLength(200);
    }
}

internal sealed class ConventionTargetConfiguration : IEntityTypeConfiguration<ConventionTarget>
{
    public void Configure(EntityTypeBuilder<ConventionTarget> b)
    {
        b.ToTable("funding_targets");
        b.Property(x => x.Label).HasMaxLength(500);
        b.Property(x => x.Indicator).HasMaxLength(100);
        b.Property(x => x.Value).HasPrecision(12, 2);
        b.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AmendmentConfiguration : IEntityTypeConfiguration<Amendment>
{
    public void Configure(EntityTypeBuilder<Amendment> b)
    {
        b.ToTable("funding_amendments");
        b.Property(x => x.Value).HasMaxLength(100);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasIndex(x => new { x.ConventionId, x.Number }).IsUnique();
    }
}

internal sealed class ConventionDocumentConfiguration : IEntityTypeConfiguration<ConventionDocument>
{
    public void Configure(EntityTypeBuilder<ConventionDocument> b)
    {
        b.ToTable("funding_documents");
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
        b.HasIndex(x => x.ConventionId);
        b.HasOne<Convention>().WithMany().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Content).WithOne().HasForeignKey<ConventionDocumentContent>(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConventionDocumentContentConfiguration : IEntityTypeConfiguration<ConventionDocumentContent>
{
    public void Configure(EntityTypeBuilder<ConventionDocumentContent> b)
    {
        b.ToTable("funding_document_contents");
        b.HasKey(x => x.DocumentId);
    }
}

internal sealed class ConventionReportTextConfiguration : IEntityTypeConfiguration<ConventionReportText>
{
    public void Configure(EntityTypeBuilder<ConventionReportText> b)
    {
        b.ToTable("funding_report_texts");
        b.Property(x => x.Activity).HasMaxLength(ConventionReportText.MaxText);
        b.Property(x => x.Outlook).HasMaxLength(ConventionReportText.MaxText);
        b.HasIndex(x => new { x.ConventionId, x.Year }).IsUnique();
        b.HasOne<Convention>().WithMany().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallForFundsConfiguration : IEntityTypeConfiguration<CallForFunds>
{
    public void Configure(EntityTypeBuilder<CallForFunds> b)
    {
        b.ToTable("funding_calls");
        b.Ignore(x => x.Number);
        b.Property(x => x.Years).HasMaxLength(100);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.Payer).HasMaxLength(CallForFunds.MaxText);
        b.Property(x => x.Payee).HasMaxLength(CallForFunds.MaxText);
        b.Property(x => x.PayeeBankDetails).HasMaxLength(CallForFunds.MaxText);
        b.Property(x => x.IssuedBy).HasMaxLength(256);
        b.Property(x => x.CancelledBy).HasMaxLength(256);
        b.Property(x => x.CancellationReason).HasMaxLength(CallForFunds.MaxText);
        b.Ignore(x => x.IsCancelled);
        // The numbers of a Cité's year: unique, so two coordinators issuing at once never share one (the loser takes the next).
        b.HasIndex(x => new { x.CiteId, x.Year, x.Sequence }).IsUnique();
        // One call in force per schedule line; the cancelled ones stay beside it, with their numbers.
        b.HasIndex(x => new { x.ConventionId, x.PaymentRuleId, x.Years }).IsUnique().HasFilter("\"CancelledOn\" IS NULL");
        b.HasOne<Convention>().WithMany().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.CallForFundsId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallForFundsLineConfiguration : IEntityTypeConfiguration<CallForFundsLine>
{
    public void Configure(EntityTypeBuilder<CallForFundsLine> b)
    {
        b.ToTable("funding_call_lines");
        b.Property(x => x.Label).HasMaxLength(CallForFunds.MaxText);
    }
}

internal sealed class DeadlineNoticeConfiguration : IEntityTypeConfiguration<DeadlineNotice>
{
    public void Configure(EntityTypeBuilder<DeadlineNotice> b)
    {
        b.ToTable("funding_deadline_notices");
        // One e-mail per convention, deadline and date, across restarts and instances.
        b.HasIndex(x => new { x.ConventionId, x.Kind, x.Date }).IsUnique();
        b.HasOne<Convention>().WithMany().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The module's tables on <see cref="Platform.Data.MaillageDb"/>: <c>db.Conventions</c>.</summary>
public static class FundingData
{
    extension(Platform.Data.MaillageDb db)
    {
        public DbSet<Convention> Conventions => db.Set<Convention>();
        public DbSet<ConventionDocument> ConventionDocuments => db.Set<ConventionDocument>();
        public DbSet<DeadlineNotice> DeadlineNotices => db.Set<DeadlineNotice>();
        public DbSet<ConventionReportText> ConventionReportTexts => db.Set<ConventionReportText>();
        public DbSet<CallForFunds> CallsForFunds => db.Set<CallForFunds>();
    }
}
