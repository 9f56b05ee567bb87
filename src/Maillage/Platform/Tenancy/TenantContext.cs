namespace Maillage.Platform.Tenancy;

/// <summary>Data that belongs to one Cité (the tenant) carries its id.</summary>
public interface ITenantOwned
{
    int CiteId { get; }
}

/// <summary>The tenant itself (the Cité): a restricted reader sees only the tenants it may read, by id.</summary>
public interface ITenant
{
    int Id { get; }
}

/// <summary>
/// Which Cités the current unit of work may read. Every <see cref="ITenantOwned"/> query is filtered
/// by it (a global query filter on <c>MaillageDb</c>), so that no query crosses tenants by accident.
/// Pages and endpoints that require a signed-in user are restricted to that user's Cités
/// (<see cref="TenantMiddleware"/>); public pages read the published network of every Cité.
/// </summary>
public sealed class TenantContext
{
    public bool Unrestricted { get; private set; } = true;
    public int[] CiteIds { get; private set; } = [];

    public void RestrictTo(IEnumerable<int> citeIds)
    {
        Unrestricted = false;
        CiteIds = citeIds.Distinct().ToArray();
    }

    public bool Allows(int citeId) => Unrestricted || CiteIds.Contains(citeId);
}
