#nullable enable
// A fixture model compiled into the tests: EF Core itself builds its model (the truth), and the EF Core
// front-end reads this same file as text. Each construct is one EF convention or configuration the
// front-end must reproduce.
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SchemaAudit.Tests.EfCore.Fixtures.Store;

public class StoreContext(DbContextOptions<StoreContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Payment> Payments => Set<Payment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderConfiguration());
        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("catalog_products");
            product.Property(p => p.Sku).HasMaxLength(32).IsRequired();
            product.HasIndex(p => p.Sku).IsUnique().HasFilter("\"Discontinued\" = FALSE");
            product.Property(p => p.Price).HasPrecision(10, 2);
            product.Property(p => p.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        });
        modelBuilder.Entity<OrderLine>().HasKey(l => new { l.OrderId, l.LineNumber });
        modelBuilder.Entity<Payment>().HasDiscriminator<string>("Kind");
        modelBuilder.Entity<CardPayment>();
        modelBuilder.Entity<TransferPayment>();
        modelBuilder.Entity<Review>()
            .HasOne(r => r.Author)
            .WithMany()
            .HasForeignKey(r => r.AuthorRef)
            .OnDelete(DeleteBehavior.SetNull);
    }
}

public class Customer
{
    public int Id { get; set; }

    [MaxLength(200)]
    public string Name { get; set; } = "";

    public string? Email { get; set; }

    public Address? ShippingAddress { get; set; }

    public List<Order> Orders { get; set; } = [];

    public CustomerProfile? Profile { get; set; }
}

[Owned]
public class Address
{
    public string Street { get; set; } = "";
    public string? City { get; set; }
}

public class CustomerProfile
{
    [Key]
    public int ProfileKey { get; set; }

    public int CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;

    public string? Bio { get; set; }
}

public class Order
{
    public int OrderId { get; set; }
    public DateTime PlacedAt { get; set; }
    public int CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;
    public int? CouponId { get; set; }
    public Coupon? Coupon { get; set; }
    public ICollection<OrderLine> Lines { get; set; } = [];
    public Customer? ReferredBy { get; set; }
}

public class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("purchase_orders");
        builder.HasOne(o => o.Customer).WithMany(c => c.Orders).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.ReferredBy).WithMany().HasForeignKey("ReferrerId");
        builder.HasIndex(o => o.PlacedAt);
    }
}

public class Coupon
{
    public int Id { get; set; }

    [Required]
    public string? Code { get; set; }
}

public class OrderLine
{
    public int OrderId { get; set; }
    public int LineNumber { get; set; }
    public Order Order { get; set; } = null!;
    public long ProductId { get; set; }
    public Product Product { get; set; } = null!;
    public int Quantity { get; set; }
}

[Index(nameof(Name))]
public class Product
{
    public long Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Discontinued { get; set; }
    public decimal Price { get; set; }
    public DateTime CreatedAt { get; set; }
    public ICollection<Tag> Tags { get; set; } = [];
    public ICollection<Review> Reviews { get; set; } = [];
}

public class Tag
{
    public int TagId { get; set; }
    public string Label { get; set; } = "";
    public ICollection<Product> Products { get; set; } = [];
}

[Table("product_reviews")]
public class Review
{
    public Guid Id { get; set; }
    public long ProductId { get; set; }
    public Product Product { get; set; } = null!;
    public int? AuthorRef { get; set; }
    public Customer? Author { get; set; }
    public string Text { get; set; } = "";
}

public abstract class Payment
{
    public int Id { get; set; }
    public decimal Amount { get; set; }
    public int OrderId { get; set; }
    public Order Order { get; set; } = null!;
}

public class CardPayment : Payment
{
    public string Last4 { get; set; } = "";
}

public class TransferPayment : Payment
{
    public string? Iban { get; set; }
}
